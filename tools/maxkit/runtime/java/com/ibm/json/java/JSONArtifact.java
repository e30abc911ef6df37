package com.ibm.json.java;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;

/**
 * Test look-alike of IBM JSON4J's {@code com.ibm.json.java.JSONArtifact}: the
 * common interface of {@link JSONObject} and {@link JSONArray}.
 *
 * <p>Compact output has no whitespace; verbose output puts one member per line,
 * indented with tabs. Output streams are written as UTF-8 (flushed, not closed).
 */
public interface JSONArtifact {

    /** Compact JSON text. */
    default String serialize() throws IOException {
        return JSON.serialize(this, false);
    }

    /** JSON text; indented over several lines when {@code verbose}. */
    default String serialize(boolean verbose) throws IOException {
        return JSON.serialize(this, verbose);
    }

    /** Writes compact JSON text to {@code os} as UTF-8. */
    default void serialize(OutputStream os) throws IOException {
        JSON.serialize(this, os, false);
    }

    /** Writes JSON text to {@code os} as UTF-8. */
    default void serialize(OutputStream os, boolean verbose) throws IOException {
        JSON.serialize(this, os, verbose);
    }

    /** Writes compact JSON text to {@code writer}. */
    default void serialize(Writer writer) throws IOException {
        JSON.serialize(this, writer, false);
    }

    /** Writes JSON text to {@code writer}. */
    default void serialize(Writer writer, boolean verbose) throws IOException {
        JSON.serialize(this, writer, verbose);
    }
}
