package com.ibm.json.java;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * Test look-alike of IBM JSON4J's {@code com.ibm.json.java.JSONObject}: a
 * {@link HashMap} (no key order) whose keys are Strings and whose values are
 * String, Boolean, Number, JSONObject, JSONArray or null. Anything else is
 * refused with an {@link IllegalArgumentException}.
 */
@SuppressWarnings({"rawtypes", "unchecked"})
public class JSONObject extends HashMap implements JSONArtifact {

    private static final long serialVersionUID = 1L;

    public JSONObject() {
        super();
    }

    // ------------------------------------------------------------------
    // Parsing
    // ------------------------------------------------------------------

    public static JSONObject parse(String str) throws IOException {
        if (str == null) {
            throw new NullPointerException("str cannot be null");
        }
        return parse(new StringReader(str));
    }

    /** Parses UTF-8 JSON text from {@code is} (not closed). */
    public static JSONObject parse(InputStream is) throws IOException {
        return parse(JSON.utf8Reader(is));
    }

    public static JSONObject parse(Reader reader) throws IOException {
        return (JSONObject) parseObject(reader, false);
    }

    static Object parseObject(Reader reader, boolean ordered) throws IOException {
        if (reader == null) {
            throw new NullPointerException("reader cannot be null");
        }
        return new JSON.Parser(reader, ordered).document(JSON.Parser.OBJECT);
    }

    // ------------------------------------------------------------------
    // Type checks
    // ------------------------------------------------------------------

    /** True for null, String, Boolean, Number, JSONObject and JSONArray. */
    public static boolean isValidObject(Object value) {
        return JSON.isValidValue(value);
    }

    /** True for the classes (and subclasses) of the values a JSONObject may hold. */
    public static boolean isValidType(Class clazz) {
        if (clazz == null) {
            throw new NullPointerException("clazz cannot be null");
        }
        return String.class.isAssignableFrom(clazz)
                || Boolean.class.isAssignableFrom(clazz)
                || Number.class.isAssignableFrom(clazz)
                || JSONObject.class.isAssignableFrom(clazz)
                || JSONArray.class.isAssignableFrom(clazz);
    }

    static void checkKey(Object key) {
        if (!(key instanceof String)) {
            throw new IllegalArgumentException(
                    "JSONObject keys must be Strings, not "
                            + (key == null ? "null" : key.getClass().getName()));
        }
    }

    // ------------------------------------------------------------------
    // Checked mutators (every way in goes through put/remove)
    // ------------------------------------------------------------------

    public Object put(Object key, Object value) {
        checkKey(key);
        JSON.checkValue(value);
        return super.put(key, value);
    }

    public void putAll(Map map) {
        for (Iterator it = map.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry e = (Map.Entry) it.next();
            checkKey(e.getKey());
            JSON.checkValue(e.getValue());
        }
        for (Iterator it = map.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry e = (Map.Entry) it.next();
            put(e.getKey(), e.getValue());
        }
    }

    public Object putIfAbsent(Object key, Object value) {
        Object current = get(key);
        if (current == null) {
            current = put(key, value);
        }
        return current;
    }

    public boolean replace(Object key, Object oldValue, Object newValue) {
        Object current = get(key);
        if (!eq(current, oldValue) || (current == null && !containsKey(key))) {
            return false;
        }
        put(key, newValue);
        return true;
    }

    public Object replace(Object key, Object value) {
        if (containsKey(key)) {
            return put(key, value);
        }
        return null;
    }

    public void replaceAll(java.util.function.BiFunction function) {
        for (Object key : new java.util.ArrayList(keySet())) {
            put(key, function.apply(key, get(key)));
        }
    }

    public Object computeIfAbsent(Object key, java.util.function.Function mappingFunction) {
        Object current = get(key);
        if (current == null) {
            Object value = mappingFunction.apply(key);
            if (value != null) {
                put(key, value);
                return value;
            }
        }
        return current;
    }

    public Object computeIfPresent(
            Object key, java.util.function.BiFunction remappingFunction) {
        Object current = get(key);
        if (current != null) {
            Object value = remappingFunction.apply(key, current);
            if (value != null) {
                put(key, value);
                return value;
            }
            remove(key);
        }
        return null;
    }

    public Object compute(Object key, java.util.function.BiFunction remappingFunction) {
        Object current = get(key);
        Object value = remappingFunction.apply(key, current);
        if (value == null) {
            if (current != null || containsKey(key)) {
                remove(key);
            }
            return null;
        }
        put(key, value);
        return value;
    }

    public Object merge(
            Object key, Object value, java.util.function.BiFunction remappingFunction) {
        if (value == null) {
            throw new NullPointerException();
        }
        Object current = get(key);
        Object merged = current == null ? value : remappingFunction.apply(current, value);
        if (merged == null) {
            remove(key);
        } else {
            put(key, merged);
        }
        return merged;
    }

    public boolean remove(Object key, Object value) {
        if (containsKey(key) && eq(get(key), value)) {
            remove(key);
            return true;
        }
        return false;
    }

    static boolean eq(Object a, Object b) {
        return a == null ? b == null : a.equals(b);
    }

    // ------------------------------------------------------------------
    // Serialization (the serialize methods are JSONArtifact's)
    // ------------------------------------------------------------------

    /** Same as {@link #serialize()}. */
    public String toString() {
        return toString(false);
    }

    public String toString(boolean verbose) {
        try {
            return JSON.serialize(this, verbose);
        } catch (IOException e) {
            return super.toString(); // holds something that is not JSON
        }
    }
}
