package com.ibm.json.java;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;

/**
 * Test look-alike of IBM JSON4J's {@code com.ibm.json.java.JSON}: parses JSON
 * text whose top level is an object or an array.
 *
 * <p>Also holds the package's own parser and serializer (package-private).
 *
 * <p>Serializer escaping follows the public Apache Wink JSON4J serializer:
 * {@code "} {@code \} and {@code /} are backslash-escaped, \b \t \n \f \r use
 * their short escapes, printable ASCII (0x20-0x7E) is written as is, and every
 * other UTF-16 unit (other control characters, DEL, all non-ASCII, each half of
 * a surrogate pair) is written as a lower-case {@code \}uXXXX escape. The output
 * is therefore pure ASCII. (Wink writes NUL as the non-JSON {@code \0}; this
 * version writes {@code \}u0000.) NaN and infinite numbers are written as null.
 *
 * <p>The parser reads standard JSON; it also accepts the escapes {@code \'} and
 * {@code \/} and raw control characters inside strings. Integers become
 * {@link Long} (an integer outside the long range is an error), numbers with a
 * fraction or exponent become {@link Double}. Every parse error is an
 * {@link IOException}.
 */
public class JSON {

    static final Charset UTF8 = Charset.forName("UTF-8");

    /** Parses an object or array; objects keep no key order. */
    public static JSONArtifact parse(String str) throws IOException {
        return parse(str, false);
    }

    /** Parses an object or array; objects are {@link OrderedJSONObject}s when {@code order}. */
    public static JSONArtifact parse(String str, boolean order) throws IOException {
        if (str == null) {
            throw new NullPointerException("str cannot be null");
        }
        return parse(new StringReader(str), order);
    }

    /** Parses UTF-8 JSON text from {@code is} (not closed). */
    public static JSONArtifact parse(InputStream is) throws IOException {
        return parse(is, false);
    }

    /** Parses UTF-8 JSON text from {@code is} (not closed). */
    public static JSONArtifact parse(InputStream is, boolean order) throws IOException {
        return parse(utf8Reader(is), order);
    }

    /** Parses JSON text from {@code reader} (not closed). */
    public static JSONArtifact parse(Reader reader) throws IOException {
        return parse(reader, false);
    }

    /** Parses JSON text from {@code reader} (not closed). */
    public static JSONArtifact parse(Reader reader, boolean order) throws IOException {
        if (reader == null) {
            throw new NullPointerException("reader cannot be null");
        }
        Parser parser = new Parser(reader, order);
        return (JSONArtifact) parser.document(Parser.ANY);
    }

    static Reader utf8Reader(InputStream is) {
        if (is == null) {
            throw new NullPointerException("is cannot be null");
        }
        return new BufferedReader(new InputStreamReader(is, UTF8));
    }

    // ------------------------------------------------------------------
    // Serialization helpers shared by JSONObject and JSONArray.
    // ------------------------------------------------------------------

    static String serialize(Object artifact, boolean verbose) throws IOException {
        StringWriter out = new StringWriter();
        new Emitter(out, verbose).value(artifact, 0);
        return out.toString();
    }

    static void serialize(Object artifact, Writer writer, boolean verbose) throws IOException {
        new Emitter(writer, verbose).value(artifact, 0);
        writer.flush();
    }

    static void serialize(Object artifact, OutputStream os, boolean verbose) throws IOException {
        Writer writer = new OutputStreamWriter(os, UTF8);
        serialize(artifact, writer, verbose);
    }

    /** Writes JSON text. */
    static final class Emitter {
        private final Writer out;
        private final boolean verbose;

        Emitter(Writer out, boolean verbose) {
            this.out = out;
            this.verbose = verbose;
        }

        void value(Object value, int depth) throws IOException {
            if (value == null) {
                out.write("null");
            } else if (value instanceof String) {
                string((String) value);
            } else if (value instanceof Boolean) {
                out.write(value.toString());
            } else if (value instanceof Number) {
                number((Number) value);
            } else if (value instanceof JSONObject) {
                object((JSONObject) value, depth);
            } else if (value instanceof JSONArray) {
                array((JSONArray) value, depth);
            } else {
                throw new IOException(
                        "cannot serialize a value of type " + value.getClass().getName());
            }
        }

        private void number(Number n) throws IOException {
            if ((n instanceof Double || n instanceof Float)
                    && (Double.isNaN(n.doubleValue()) || Double.isInfinite(n.doubleValue()))) {
                out.write("null");
            } else {
                out.write(n.toString());
            }
        }

        @SuppressWarnings("unchecked")
        private void object(JSONObject obj, int depth) throws IOException {
            List<Object> keys;
            if (obj instanceof OrderedJSONObject) {
                keys = new ArrayList<Object>();
                for (Iterator<?> it = ((OrderedJSONObject) obj).getOrder(); it.hasNext(); ) {
                    keys.add(it.next());
                }
            } else {
                keys = new ArrayList<Object>(obj.keySet());
                if (verbose) {
                    // Plain objects have no order; verbose output sorts keys (as Wink does).
                    Collections.sort(keys, KEY_ORDER);
                }
            }
            if (keys.isEmpty()) {
                out.write("{}");
                return;
            }
            out.write('{');
            boolean first = true;
            for (Object key : keys) {
                if (!(key instanceof String)) {
                    throw new IOException("cannot serialize a non-String key: " + key);
                }
                if (!first) {
                    out.write(',');
                }
                first = false;
                newline(depth + 1);
                string((String) key);
                out.write(verbose ? ": " : ":");
                value(obj.get(key), depth + 1);
            }
            newline(depth);
            out.write('}');
        }

        private void array(JSONArray arr, int depth) throws IOException {
            if (arr.isEmpty()) {
                out.write("[]");
                return;
            }
            out.write('[');
            boolean first = true;
            for (Object element : arr) {
                if (!first) {
                    out.write(',');
                }
                first = false;
                newline(depth + 1);
                value(element, depth + 1);
            }
            newline(depth);
            out.write(']');
        }

        private void newline(int depth) throws IOException {
            if (verbose) {
                out.write('\n');
                for (int i = 0; i < depth; i++) {
                    out.write('\t');
                }
            }
        }

        private void string(String s) throws IOException {
            out.write('"');
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                switch (c) {
                    case '"':
                        out.write("\\\"");
                        break;
                    case '\\':
                        out.write("\\\\");
                        break;
                    case '/':
                        out.write("\\/");
                        break;
                    case '\b':
                        out.write("\\b");
                        break;
                    case '\t':
                        out.write("\\t");
                        break;
                    case '\n':
                        out.write("\\n");
                        break;
                    case '\f':
                        out.write("\\f");
                        break;
                    case '\r':
                        out.write("\\r");
                        break;
                    default:
                        if (c >= 0x20 && c <= 0x7e) {
                            out.write(c);
                        } else {
                            out.write("\\u");
                            out.write(HEX[(c >> 12) & 0xf]);
                            out.write(HEX[(c >> 8) & 0xf]);
                            out.write(HEX[(c >> 4) & 0xf]);
                            out.write(HEX[c & 0xf]);
                        }
                }
            }
            out.write('"');
        }

        private static final char[] HEX = "0123456789abcdef".toCharArray();

        private static final java.util.Comparator<Object> KEY_ORDER =
                new java.util.Comparator<Object>() {
                    public int compare(Object a, Object b) {
                        return String.valueOf(a).compareTo(String.valueOf(b));
                    }
                };
    }

    /** Reads JSON text from a character stream. */
    static final class Parser {
        static final int ANY = 0;
        static final int OBJECT = 1;
        static final int ARRAY = 2;

        private final Reader in;
        private final boolean ordered;
        private int ch;
        private int line = 1;
        private int column = 0;

        Parser(Reader reader, boolean ordered) throws IOException {
            this.in =
                    (reader instanceof BufferedReader || reader instanceof StringReader)
                            ? reader
                            : new BufferedReader(reader);
            this.ordered = ordered;
            advance();
        }

        /** Reads one complete document whose top level is of the given kind. */
        Object document(int kind) throws IOException {
            skipWhitespace();
            Object result;
            if (ch == '{' && kind != ARRAY) {
                result = object();
            } else if (ch == '[' && kind != OBJECT) {
                result = array();
            } else if (ch == -1) {
                throw error("no JSON text");
            } else {
                String wanted =
                        kind == OBJECT ? "'{'" : kind == ARRAY ? "'['" : "'{' or '['";
                throw error("expected " + wanted + " but found " + describe());
            }
            skipWhitespace();
            if (ch != -1) {
                throw error("unexpected " + describe() + " after the end of the JSON text");
            }
            return result;
        }

        private void advance() throws IOException {
            ch = in.read();
            if (ch == '\n') {
                line++;
                column = 0;
            } else {
                column++;
            }
        }

        private IOException error(String message) {
            return new IOException(
                    "JSON parse error at line " + line + ", column " + column + ": " + message);
        }

        private String describe() {
            if (ch == -1) {
                return "end of input";
            }
            if (ch >= 0x20 && ch <= 0x7e) {
                return "'" + (char) ch + "'";
            }
            return String.format("character U+%04X", ch);
        }

        private void skipWhitespace() throws IOException {
            while (ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r') {
                advance();
            }
        }

        private void expect(char c) throws IOException {
            if (ch != c) {
                throw error("expected '" + c + "' but found " + describe());
            }
            advance();
        }

        private Object value() throws IOException {
            switch (ch) {
                case '{':
                    return object();
                case '[':
                    return array();
                case '"':
                    return string();
                case 't':
                    literal("true");
                    return Boolean.TRUE;
                case 'f':
                    literal("false");
                    return Boolean.FALSE;
                case 'n':
                    literal("null");
                    return null;
                default:
                    if (ch == '-' || (ch >= '0' && ch <= '9')) {
                        return number();
                    }
                    throw error("expected a value but found " + describe());
            }
        }

        private JSONObject object() throws IOException {
            expect('{');
            JSONObject obj = ordered ? new OrderedJSONObject() : new JSONObject();
            skipWhitespace();
            if (ch == '}') {
                advance();
                return obj;
            }
            while (true) {
                skipWhitespace();
                if (ch != '"') {
                    throw error("expected a string key but found " + describe());
                }
                String key = string();
                skipWhitespace();
                expect(':');
                skipWhitespace();
                obj.put(key, value());
                skipWhitespace();
                if (ch == ',') {
                    advance();
                } else if (ch == '}') {
                    advance();
                    return obj;
                } else {
                    throw error("expected ',' or '}' but found " + describe());
                }
            }
        }

        private JSONArray array() throws IOException {
            expect('[');
            JSONArray arr = new JSONArray();
            skipWhitespace();
            if (ch == ']') {
                advance();
                return arr;
            }
            while (true) {
                skipWhitespace();
                arr.add(value());
                skipWhitespace();
                if (ch == ',') {
                    advance();
                } else if (ch == ']') {
                    advance();
                    return arr;
                } else {
                    throw error("expected ',' or ']' but found " + describe());
                }
            }
        }

        private void literal(String word) throws IOException {
            for (int i = 0; i < word.length(); i++) {
                if (ch != word.charAt(i)) {
                    throw error("invalid literal, expected '" + word + "'");
                }
                advance();
            }
            if ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9')) {
                throw error("invalid literal, expected '" + word + "'");
            }
        }

        private String string() throws IOException {
            expect('"');
            StringBuilder sb = new StringBuilder();
            while (true) {
                if (ch == -1) {
                    throw error("unterminated string");
                }
                if (ch == '"') {
                    advance();
                    return sb.toString();
                }
                if (ch != '\\') {
                    sb.append((char) ch);
                    advance();
                    continue;
                }
                advance();
                switch (ch) {
                    case '"':
                    case '\\':
                    case '/':
                    case '\'':
                        sb.append((char) ch);
                        break;
                    case 'b':
                        sb.append('\b');
                        break;
                    case 'f':
                        sb.append('\f');
                        break;
                    case 'n':
                        sb.append('\n');
                        break;
                    case 'r':
                        sb.append('\r');
                        break;
                    case 't':
                        sb.append('\t');
                        break;
                    case 'u':
                        int code = 0;
                        for (int i = 0; i < 4; i++) {
                            advance();
                            int digit = Character.digit(ch, 16);
                            if (ch == -1 || digit < 0) {
                                throw error("invalid \\u escape: expected a hex digit");
                            }
                            code = (code << 4) | digit;
                        }
                        // Surrogate halves are appended one by one and pair up again.
                        sb.append((char) code);
                        break;
                    case -1:
                        throw error("unterminated string");
                    default:
                        throw error("invalid escape \\" + (char) ch);
                }
                advance();
            }
        }

        private Number number() throws IOException {
            StringBuilder sb = new StringBuilder();
            boolean integer = true;
            if (ch == '-') {
                sb.append('-');
                advance();
            }
            if (ch == '0') {
                sb.append('0');
                advance();
            } else if (ch >= '1' && ch <= '9') {
                digits(sb);
            } else {
                throw error("invalid number: expected a digit");
            }
            if (ch == '.') {
                integer = false;
                sb.append('.');
                advance();
                if (!(ch >= '0' && ch <= '9')) {
                    throw error("invalid number: expected a digit after '.'");
                }
                digits(sb);
            }
            if (ch == 'e' || ch == 'E') {
                integer = false;
                sb.append('e');
                advance();
                if (ch == '+' || ch == '-') {
                    sb.append((char) ch);
                    advance();
                }
                if (!(ch >= '0' && ch <= '9')) {
                    throw error("invalid number: expected a digit in the exponent");
                }
                digits(sb);
            }
            String text = sb.toString();
            try {
                return integer ? (Number) Long.valueOf(text) : (Number) Double.valueOf(text);
            } catch (NumberFormatException e) {
                IOException iox = error("number out of range: " + text);
                iox.initCause(e);
                throw iox;
            }
        }

        private void digits(StringBuilder sb) throws IOException {
            while (ch >= '0' && ch <= '9') {
                sb.append((char) ch);
                advance();
            }
        }
    }

    /** True if {@code value} may be stored in a JSONObject or JSONArray. */
    static boolean isValidValue(Object value) {
        return value == null
                || value instanceof String
                || value instanceof Boolean
                || value instanceof Number
                || value instanceof JSONObject
                || value instanceof JSONArray;
    }

    static void checkValue(Object value) {
        if (!isValidValue(value)) {
            throw new IllegalArgumentException(
                    "invalid JSON value of type "
                            + value.getClass().getName()
                            + ": only String, Boolean, Number, JSONObject, JSONArray or null");
        }
    }
}
