package com.ibm.json.java;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;

/**
 * Test look-alike of IBM JSON4J's {@code com.ibm.json.java.JSONArray}: an
 * {@link ArrayList} whose elements are String, Boolean, Number, JSONObject,
 * JSONArray or null. Anything else is refused with an
 * {@link IllegalArgumentException}.
 */
@SuppressWarnings({"rawtypes", "unchecked"})
public class JSONArray extends ArrayList implements JSONArtifact {

    private static final long serialVersionUID = 1L;

    public JSONArray() {
        super();
    }

    public JSONArray(int initialCapacity) {
        super(initialCapacity);
    }

    // ------------------------------------------------------------------
    // Parsing
    // ------------------------------------------------------------------

    public static JSONArray parse(String str) throws IOException {
        if (str == null) {
            throw new NullPointerException("str cannot be null");
        }
        return parse(new StringReader(str));
    }

    /** Parses UTF-8 JSON text from {@code is} (not closed). */
    public static JSONArray parse(InputStream is) throws IOException {
        return parse(JSON.utf8Reader(is));
    }

    public static JSONArray parse(Reader reader) throws IOException {
        if (reader == null) {
            throw new NullPointerException("reader cannot be null");
        }
        return (JSONArray) new JSON.Parser(reader, false).document(JSON.Parser.ARRAY);
    }

    // ------------------------------------------------------------------
    // Checked mutators
    // ------------------------------------------------------------------

    public boolean add(Object element) {
        JSON.checkValue(element);
        return super.add(element);
    }

    public void add(int index, Object element) {
        JSON.checkValue(element);
        super.add(index, element);
    }

    public Object set(int index, Object element) {
        JSON.checkValue(element);
        return super.set(index, element);
    }

    public boolean addAll(Collection collection) {
        checkAll(collection);
        return super.addAll(collection);
    }

    public boolean addAll(int index, Collection collection) {
        checkAll(collection);
        return super.addAll(index, collection);
    }

    public void replaceAll(java.util.function.UnaryOperator operator) {
        for (int i = 0; i < size(); i++) {
            set(i, operator.apply(get(i)));
        }
    }

    private static void checkAll(Collection collection) {
        for (Iterator it = collection.iterator(); it.hasNext(); ) {
            JSON.checkValue(it.next());
        }
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
