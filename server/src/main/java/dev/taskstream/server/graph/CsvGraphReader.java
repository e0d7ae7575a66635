package dev.taskstream.server.graph;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
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
    private static final CsvMapper MAPPER = CsvMapper.builder().enable(CsvParser.Feature.WRAP_AS_ARRAY)
            .enable(CsvParser.Feature.SKIP_EMPTY_LINES).build();

    private CsvGraphReader() {
    }

    static void read(InputStream in, GraphSink sink) throws IOException {
        Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8);
        long row = 0;
        try (MappingIterator<String[]> rows = MAPPER.readerFor(String[].class).readValues(reader)) {
            if (!rows.hasNextValue()) {
                return; // an empty body imports nothing
            }
            String[] header = rows.nextValue();
            Map<String, Integer> columns = header(header);
            while (rows.hasNextValue()) {
                String[] values = rows.nextValue();
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
        } catch (JsonProcessingException e) {
            throw new InvalidGraphException("malformed CSV after line " + (row + 1) + ": " + e.getOriginalMessage());
        }
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
