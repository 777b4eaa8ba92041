package com.cruddur.console.core.settings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The settings files' reader gives the tree Jackson's ObjectMapper gives, without building an ObjectMapper. */
class JsonTreeTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static void sameAsObjectMapper(String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        JsonNode expected = MAPPER.readTree(bytes);
        JsonNode actual = JsonTree.read(bytes);
        assertEquals(expected, actual, json);
        assertEquals(expected.getNodeType(), actual.getNodeType(), json);
    }

    @Test
    void readsEveryKindOfValueAsObjectMapperDoes() throws IOException {
        sameAsObjectMapper("{\"version\": 1, \"profiles\": [{\"name\": \"local\", \"port\": 5432, \"readOnly\": false,"
                + " \"password\": null, \"note\": \"caf\\u00e9 — ✓\", \"nested\": {\"a\": [1, [2, []], {}]}}],"
                + " \"big\": 12345678901, \"huge\": 123456789012345678901234567890, \"ratio\": 0.25, \"exp\": 1e3,"
                + " \"neg\": -7, \"t\": true}");
        sameAsObjectMapper("[1, \"two\", null, false, 2.5]");
        sameAsObjectMapper("\"just text\"");
        sameAsObjectMapper("{\"dup\": 1, \"dup\": 2}");
        sameAsObjectMapper("  {\"trailing\": 1}  {\"ignored\": 2}");
    }

    @Test
    void writesTheIndentedTextObjectMapperWrites() throws IOException {
        JsonNode tree = MAPPER.readTree("{\"version\": 2, \"profiles\": [{\"name\": \"prod\", \"port\": 5432,"
                + " \"readOnly\": true, \"password\": null, \"tags\": [\"a\", \"é\"], \"big\": 12345678901,"
                + " \"ratio\": 0.25, \"empty\": {}, \"none\": []}], \"huge\": 123456789012345678901234567890}");
        byte[] expected = MAPPER.copy().enable(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT)
                .writeValueAsBytes(tree);
        assertEquals(new String(expected, StandardCharsets.UTF_8), new String(JsonTree.write(tree),
                StandardCharsets.UTF_8));
        assertEquals(tree, JsonTree.read(JsonTree.write(tree)));
    }

    @Test
    void writesNumbersAFormatPutsAsObjectMapperWritesThem() throws IOException {
        com.fasterxml.jackson.databind.node.ObjectNode root = JsonTree.object();
        root.put("float", 0.1f).put("short", (short) 3).put("double", 0.1).put("long", Long.MAX_VALUE)
                .put("decimal", new java.math.BigDecimal("1.10")).put("int", -1);
        assertEquals(MAPPER.writeValueAsString(root).replaceAll("\\s", ""),
                new String(JsonTree.write(root), StandardCharsets.UTF_8).replaceAll("\\s", ""));
    }

    @Test
    void numbersKeepTheirKind() throws IOException {
        JsonNode n = JsonTree.read("{\"i\": 1, \"l\": 12345678901, \"d\": 0.5}".getBytes(StandardCharsets.UTF_8));
        assertTrue(n.get("i").isInt());
        assertTrue(n.get("l").isLong());
        assertTrue(n.get("d").isDouble());
    }

    @Test
    void emptyInputHasNoRootAndBrokenInputFails() throws IOException {
        JsonNode empty = JsonTree.read(new byte[0]);
        assertTrue(empty == null || empty.isMissingNode());
        assertThrows(IOException.class, () -> JsonTree.read("{\"version\": 1,".getBytes(StandardCharsets.UTF_8)));
        assertThrows(IOException.class, () -> JsonTree.read("{\"a\": tru}".getBytes(StandardCharsets.UTF_8)));
        assertThrows(IOException.class, () -> JsonTree.read("not json".getBytes(StandardCharsets.UTF_8)));
    }
}
