package dev.taskstream.server.graph;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import java.io.IOException;
import java.io.InputStream;

/**
 * Streams {@code {"entities": [{id, name, type?, properties?}], "edges": [{source, target, relation,
 * weight?}]}} into a {@link GraphSink} token by token (no document tree). Both lists are optional
 * and may come in either order. Unknown fields, wrong types and duplicate keys are errors naming
 * the item; {@code NaN}/{@code Infinity} are read so that they can be rejected as weights by name.
 */
final class JsonGraphReader {
    /** No valid string is longer (properties, the longest, is at most {@link ImportItems#MAX_PROPERTIES} in all). */
    static final int MAX_STRING_CHARS = 2 * ImportItems.MAX_PROPERTIES;
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(MAX_STRING_CHARS).build())
            .build();

    private final JsonParser p;
    private final GraphSink sink;
    private String where = "the body";

    private JsonGraphReader(JsonParser p, GraphSink sink) {
        this.p = p;
        this.sink = sink;
    }

    static void read(InputStream in, GraphSink sink) throws IOException {
        try (JsonParser p = FACTORY.createParser(in)) {
            new JsonGraphReader(p, sink).document();
        }
    }

    private void document() throws IOException {
        try {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new InvalidGraphException("the body must be a JSON object like "
                        + "{\"entities\": [...], \"edges\": [...]}");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                switch (field) {
                    case "entities" -> list("entities", value, true);
                    case "edges" -> list("edges", value, false);
                    default -> throw new InvalidGraphException("unknown field '" + GraphImporter.clip(field)
                            + "'; allowed fields: entities, edges");
                }
                where = "the body";
            }
            if (p.nextToken() != null) {
                throw new InvalidGraphException("unexpected content after the JSON object");
            }
        } catch (StreamConstraintsException e) {
            throw GraphImporter.invalid(where, "a value is longer than " + MAX_STRING_CHARS + " characters or nested "
                    + "too deeply (" + e.getOriginalMessage() + ")");
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new InvalidGraphException("malformed JSON" + (at == null ? "" : " at line " + at.getLineNr()
                    + ", column " + at.getColumnNr()) + " (in " + where + "): " + e.getOriginalMessage());
        }
    }

    private void list(String name, JsonToken value, boolean entities) throws IOException {
        if (value == JsonToken.VALUE_NULL) {
            return;
        }
        if (value != JsonToken.START_ARRAY) {
            throw new InvalidGraphException(name + " must be an array");
        }
        long index = 0;
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
            where = name + "[" + index + "]";
            if (t != JsonToken.START_OBJECT) {
                throw GraphImporter.invalid(where, "must be an object");
            }
            if (entities) {
                entity();
            } else {
                edge();
            }
            index++;
        }
    }

    private void entity() throws IOException {
        String id = null;
        String name = null;
        String type = null;
        String properties = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            switch (field) {
                case "id" -> id = text(field, value);
                case "name" -> name = text(field, value);
                case "type" -> type = text(field, value);
                case "properties" -> {
                    if (value == JsonToken.START_OBJECT) {
                        properties = properties();
                    } else if (value != JsonToken.VALUE_NULL) {
                        throw GraphImporter.invalid(where, "properties must be a JSON object");
                    }
                }
                default -> throw GraphImporter.invalid(where, "unknown field '" + GraphImporter.clip(field)
                        + "'; allowed fields: id, name, type, properties");
            }
        }
        sink.entity(where, id, name, type, properties);
    }

    /**
     * The properties object as compact JSON text, copied token by token into a buffer that refuses more than
     * {@link ImportItems#MAX_PROPERTIES} characters: a huge object is refused without being built in memory.
     */
    private String properties() throws IOException {
        BoundedWriter out = new BoundedWriter(ImportItems.MAX_PROPERTIES);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.copyCurrentStructure(p);
        } catch (BoundedWriter.Full e) {
            throw GraphImporter.invalid(where, "properties is longer than " + ImportItems.MAX_PROPERTIES + " characters");
        }
        return out.toString();
    }

    /** A character buffer that throws {@link Full} past its limit. */
    private static final class BoundedWriter extends java.io.Writer {
        private final StringBuilder text = new StringBuilder();
        private final int max;

        BoundedWriter(int max) {
            this.max = max;
        }

        @Override
        public void write(char[] chars, int off, int len) {
            if (text.length() + len > max) {
                throw new Full();
            }
            text.append(chars, off, len);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }

        @Override
        public String toString() {
            return text.toString();
        }

        static final class Full extends RuntimeException {
            Full() {
                super(null, null, false, false);
            }
        }
    }

    private void edge() throws IOException {
        String source = null;
        String target = null;
        String relation = null;
        Double weight = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            switch (field) {
                case "source" -> source = text(field, value);
                case "target" -> target = text(field, value);
                case "relation" -> relation = text(field, value);
                case "weight" -> {
                    if (value == JsonToken.VALUE_NUMBER_INT || value == JsonToken.VALUE_NUMBER_FLOAT) {
                        weight = p.getDoubleValue();
                    } else if (value != JsonToken.VALUE_NULL) {
                        throw GraphImporter.invalid(where, "weight must be a number, got " + describe(value));
                    }
                }
                default -> throw GraphImporter.invalid(where, "unknown field '" + GraphImporter.clip(field)
                        + "'; allowed fields: source, target, relation, weight");
            }
        }
        sink.edge(where, source, target, relation, weight);
    }

    private String text(String field, JsonToken value) throws IOException {
        if (value == JsonToken.VALUE_STRING) {
            return p.getText();
        }
        if (value == JsonToken.VALUE_NULL) {
            return null;
        }
        throw GraphImporter.invalid(where, field + " must be a string, got " + describe(value));
    }

    private static String describe(JsonToken t) {
        return switch (t) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            default -> t.asString() == null ? t.name() : t.asString();
        };
    }
}
