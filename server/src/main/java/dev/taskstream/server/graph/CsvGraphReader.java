package dev.taskstream.server.graph;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.dataformat.csv.CsvFactory;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import dev.taskstream.shared.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Streams a graph from CSV (UTF-8, RFC 4180 quoting) into a {@link GraphSink}, row by row.
 *
 * <p>The first line is a header naming the columns, in any order: {@code kind} (required) and any of
 * {@code id, name, type, properties, source, target, relation, weight}. Each row is an entity
 * ({@code kind} = {@code entity}: {@code id}, {@code name}, optional {@code type} and
 * {@code properties} as a JSON object) or an edge ({@code kind} = {@code edge}: {@code source},
 * {@code target}, {@code relation}, optional {@code weight}, default 1). A row leaves the other
 * kind's columns empty. Rows may come in any order; blank lines are skipped.
 *
 * <pre>
 * kind,id,name,type,source,target,relation,weight
 * entity,e1,Ada Lovelace,person,,,,
 * entity,e2,Charles Babbage,person,,,,
 * edge,,,,e1,e2,KNOWS,1.0
 * </pre>
 */
final class CsvGraphReader {
    static final List<String> COLUMNS = List.of("kind", "id", "name", "type", "properties", "source", "target",
            "relation", "weight");
    private static final List<String> ENTITY_COLUMNS = List.of("id", "name", "type", "properties");
    private static final List<String> EDGE_COLUMNS = List.of("source", "target", "relation", "weight");
    /** No valid field is longer (properties, the longest, is at most {@link ImportItems#MAX_PROPERTIES}). */
    static final int MAX_FIELD_CHARS = 2 * ImportItems.MAX_PROPERTIES;
    private static final CsvMapper MAPPER = CsvMapper.builder(CsvFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(MAX_FIELD_CHARS).build())
                    .build())
            .enable(CsvParser.Feature.SKIP_EMPTY_LINES).build();

    private CsvGraphReader() {
    }

    static void read(InputStream in, GraphSink sink) throws IOException {
        Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8);
        long row = 0;
        try (CsvParser p = (CsvParser) MAPPER.getFactory().createParser(reader)) {
            String[] header = nextRow(p, COLUMNS.size(), "line 1", "the header names at most " + COLUMNS.size()
                    + " columns");
            if (header == null) {
                return; // an empty body imports nothing
            }
            Map<String, Integer> columns = header(header);
            String[] values;
            while ((values = nextRow(p, header.length, "line " + (row + 2), "the header has " + header.length)) != null) {
                row++;
                String where = "line " + (row + 1);
                if (values.length == 1 && values[0].isBlank()) {
                    continue;
                }
                if (values.length != header.length) {
                    throw GraphImporter.invalid(where, "has " + values.length + " fields, the header has "
                            + header.length);
                }
                String kind = values[columns.get("kind")].strip().toLowerCase(Locale.ROOT);
                switch (kind) {
                    case "entity" -> {
                        requireEmpty(where, kind, values, columns, EDGE_COLUMNS);
                        sink.entity(where, get(values, columns, "id"), get(values, columns, "name"),
                                get(values, columns, "type"), properties(where, get(values, columns, "properties")));
                    }
                    case "edge" -> {
                        requireEmpty(where, kind, values, columns, ENTITY_COLUMNS);
                        sink.edge(where, get(values, columns, "source"), get(values, columns, "target"),
                                get(values, columns, "relation"), weight(where, get(values, columns, "weight")));
                    }
                    default -> throw GraphImporter.invalid(where, "kind must be 'entity' or 'edge', got '"
                            + GraphImporter.clip(kind) + "'");
                }
            }
        } catch (StreamConstraintsException e) {
            throw GraphImporter.invalid("line " + (row + 2), "a field is longer than " + MAX_FIELD_CHARS
                    + " characters (the longest allowed is properties, " + ImportItems.MAX_PROPERTIES + ")");
        } catch (JsonProcessingException e) {
            throw new InvalidGraphException("malformed CSV after line " + (row + 1) + ": " + e.getOriginalMessage());
        }
    }

    /**
     * The next row's fields, read one by one so that a row with more fields than {@code max} is refused at the
     * first field too many (a line of millions of fields is never held); null at the end of the input.
     */
    private static String[] nextRow(CsvParser p, int max, String where, String limit) throws IOException {
        JsonToken t = p.nextToken();
        if (t == null) {
            return null;
        }
        if (t != JsonToken.START_ARRAY) {
            throw new InvalidGraphException("malformed CSV at " + where);
        }
        String[] fields = new String[max];
        int n = 0;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (t == null) {
                throw new InvalidGraphException("malformed CSV at " + where + ": the input ends inside the row");
            }
            if (n == max) {
                throw GraphImporter.invalid(where, "has more than " + max + " fields; " + limit);
            }
            fields[n++] = p.getText();
        }
        return n == max ? fields : java.util.Arrays.copyOf(fields, n);
    }

    private static Map<String, Integer> header(String[] header) {
        Map<String, Integer> columns = new HashMap<>();
        for (int i = 0; i < header.length; i++) {
            String name = header[i].strip().toLowerCase(Locale.ROOT);
            if (i == 0 && name.startsWith("\uFEFF")) {
                name = name.substring(1);
            }
            if (!COLUMNS.contains(name)) {
                throw new InvalidGraphException("line 1: unknown column '" + GraphImporter.clip(header[i])
                        + "'; the header names columns from " + String.join(", ", COLUMNS));
            }
            if (columns.put(name, i) != null) {
                throw new InvalidGraphException("line 1: column '" + name + "' appears twice");
            }
        }
        if (!columns.containsKey("kind")) {
            throw new InvalidGraphException("line 1: the header needs a 'kind' column (entity or edge), e.g. "
                    + "kind,id,name,type,source,target,relation,weight");
        }
        return columns;
    }

    private static String get(String[] values, Map<String, Integer> columns, String name) {
        Integer i = columns.get(name);
        if (i == null) {
            return null;
        }
        String v = values[i];
        return v.isEmpty() ? null : v;
    }

    private static void requireEmpty(String where, String kind, String[] values, Map<String, Integer> columns,
            List<String> others) {
        for (String other : others) {
            Integer i = columns.get(other);
            if (i != null && !values[i].isBlank()) {
                throw GraphImporter.invalid(where, "an " + kind + " row leaves '" + other + "' empty");
            }
        }
    }

    private static String properties(String where, String raw) throws IOException {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        if (raw.length() > ImportItems.MAX_PROPERTIES) {
            throw GraphImporter.invalid(where, "properties is longer than " + ImportItems.MAX_PROPERTIES + " characters");
        }
        JsonNode tree;
        try {
            tree = Json.mapper().readTree(raw);
        } catch (JsonProcessingException e) {
            throw GraphImporter.invalid(where, "properties must be a JSON object: " + e.getOriginalMessage());
        }
        if (tree == null || !tree.isObject()) {
            throw GraphImporter.invalid(where, "properties must be a JSON object");
        }
        return Json.mapper().writeValueAsString(tree);
    }

    private static Double weight(String where, String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return Double.parseDouble(raw.strip());
        } catch (NumberFormatException e) {
            throw GraphImporter.invalid(where, "weight must be a number, got '" + GraphImporter.clip(raw) + "'");
        }
    }
}
