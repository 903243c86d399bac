package dev.moduleagent.localhub.internal.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.List;
import org.junit.jupiter.api.Test;

class QueryParserTest {

    private static final JsonObject GATEWAY = JsonParser.parseString("{\"deviceId\":\"gw-1\",\"tags\":{\"role\":\"gateway\","
        + "\"floor\":3,\"name\":\"O'Brien\"},\"properties\":{\"reported\":{\"firmware\":{\"version\":\"2.0.1\"},\"ok\":true}}}")
        .getAsJsonObject();

    @Test
    void selectStarFromDevicesAndModules() throws Exception {
        TwinQuery devices = QueryParser.parse("select * from devices");
        assertTrue(devices.selectAll());
        assertFalse(devices.modules());
        assertTrue(QueryParser.parse("SELECT * FROM devices.modules").modules());
    }

    @Test
    void conditionsFollowIotHubsRules() throws Exception {
        assertTrue(matches("tags.role = 'gateway' AND properties.reported.firmware.version = '2.0.1'"));
        assertTrue(matches("tags.floor >= 3 AND tags.floor < 3.5"));
        assertTrue(matches("NOT (tags.role = 'sensor') OR tags.missing = 1"));
        assertTrue(matches("tags.name = 'O''Brien'"));
        assertTrue(matches("IS_DEFINED(properties.reported.firmware) AND NOT IS_DEFINED(tags.missing)"));
        assertTrue(matches("properties.reported.ok = true AND deviceId IN ('gw-0', 'gw-1')"));
        assertTrue(matches("STARTSWITH(deviceId, 'gw-')"));
        assertFalse(matches("tags.floor = '3'"), "a number is not equal to a string");
        assertFalse(matches("tags.missing != 1"), "a comparison with undefined is false");
    }

    @Test
    void countGroupedBy() throws Exception {
        TwinQuery query = QueryParser.parse("SELECT tags.role, COUNT() AS n FROM devices GROUP BY tags.role");
        JsonObject sensor = JsonParser.parseString("{\"deviceId\":\"s\",\"tags\":{\"role\":\"sensor\"}}").getAsJsonObject();
        List<JsonObject> rows = QueryRunner.run(query, List.of(GATEWAY, sensor, GATEWAY));
        assertEquals("[{\"role\":\"gateway\",\"n\":2}, {\"role\":\"sensor\",\"n\":1}]", rows.toString());
    }

    @Test
    void malformedOrUnboundedQueriesAreRefusedWithTheReason() {
        assertMessage("expected FROM", "SELECT * devices");
        assertMessage("devices or devices.modules", "SELECT * FROM jobs");
        assertMessage("unclosed string", "SELECT * FROM devices WHERE deviceId = 'x");
        assertMessage("unknown function", "SELECT * FROM devices WHERE LOWER(deviceId)");
        assertMessage("expected ')'", "SELECT * FROM devices WHERE (deviceId = 'x'");
        assertMessage("longer than", "SELECT * FROM devices WHERE deviceId = '" + "x".repeat(QueryParser.MAX_QUERY_CHARS) + "'");
        assertMessage("nested deeper", "SELECT * FROM devices WHERE " + "(".repeat(40) + "deviceId = 'x'" + ")".repeat(40));
        assertMessage("nested deeper", "SELECT * FROM devices WHERE " + "NOT ".repeat(40) + "deviceId = 'x'");
        assertMessage("GROUP BY", "SELECT * FROM devices GROUP BY tags.role");
    }

    private static boolean matches(String condition) throws QueryException {
        return !QueryRunner.run(QueryParser.parse("SELECT * FROM devices WHERE " + condition), List.of(GATEWAY)).isEmpty();
    }

    private static void assertMessage(String expected, String query) {
        QueryException e = assertThrows(QueryException.class, () -> QueryParser.parse(query));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
