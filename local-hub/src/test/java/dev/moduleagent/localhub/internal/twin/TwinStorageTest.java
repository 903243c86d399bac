package dev.moduleagent.localhub.internal.twin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.moduleagent.localhub.internal.identity.IdentityKey;
import dev.moduleagent.localhub.internal.store.DocumentTable;
import dev.moduleagent.localhub.internal.store.HubDatabase;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The twin's two rows: what each change writes, what a restart reads back, and twins stored in the older single row. */
class TwinStorageTest {

    private static final IdentityKey KEY = IdentityKey.module("d", "m");
    /** A twin as the hub stored it before the split: one TWINS row with all three sections. */
    private static final String OLD_FORM = "{\"version\":5,\"tags\":{\"site\":\"x\"},"
        + "\"desired\":{\"properties\":{\"d\":1},\"metadata\":{\"$lastUpdated\":\"2026-01-01T00:00:00.0000000Z\","
        + "\"$lastUpdatedVersion\":2},\"version\":2},"
        + "\"reported\":{\"properties\":{\"r\":{\"s\":\"on\"}},\"metadata\":{\"$lastUpdated\":\"2026-01-01T00:00:00.0000000Z\"},"
        + "\"version\":3}}";

    @TempDir
    Path folder;

    private HubDatabase database;

    @AfterEach
    void close() {
        database.close();
    }

    private static JsonObject json(String text) {
        return JsonParser.parseString(text).getAsJsonObject();
    }

    private TwinService open() throws Exception {
        database = HubDatabase.open(folder);
        return new TwinService(database, Clock.systemUTC());
    }

    private TwinService reopen() throws Exception {
        database.close();
        return open();
    }

    private TwinService created() throws Exception {
        TwinService twins = open();
        database.write(c -> {
            twins.createIn(c, KEY);
            return null;
        });
        return twins;
    }

    private TwinService withOldFormTwin() throws Exception {
        TwinService twins = open();
        database.write(c -> {
            DocumentTable.TWINS.put(c, KEY.deviceId(), KEY.storedModuleId(), OLD_FORM);
            return null;
        });
        return twins;
    }

    private String row(DocumentTable table) throws Exception {
        return database.read(c -> table.get(c, KEY.deviceId(), KEY.storedModuleId()).orElse(null));
    }

    @Test
    void reportedPatchRewritesOnlyTheReportedRow() throws Exception {
        TwinService twins = created();
        twins.update(KEY, new TwinUpdate(json("{\"t\":1}"), json("{\"a\":1}")), null, false);
        String main = row(DocumentTable.TWINS);
        String reported = row(DocumentTable.REPORTED);
        twins.patchReported(KEY, json("{\"b\":2}"), null);
        assertEquals(main, row(DocumentTable.TWINS));
        assertNotEquals(reported, row(DocumentTable.REPORTED));
        assertTrue(!main.contains("\"reported\""), main);
    }

    @Test
    void desiredChangeRewritesOnlyTheTwinsRow() throws Exception {
        TwinService twins = created();
        twins.patchReported(KEY, json("{\"b\":2}"), null);
        String reported = row(DocumentTable.REPORTED);
        twins.update(KEY, new TwinUpdate(null, json("{\"a\":1}")), null, false);
        assertEquals(reported, row(DocumentTable.REPORTED));
    }

    @Test
    void splitTwinReadsBackIdenticallyAfterARestart() throws Exception {
        TwinService twins = created();
        twins.update(KEY, new TwinUpdate(json("{\"t\":1}"), json("{\"a\":{\"x\":1}}")), null, false);
        twins.patchReported(KEY, json("{\"b\":{\"y\":2}}"), null);
        twins.patchReported(KEY, json("{\"c\":3}"), null);
        twins.update(KEY, new TwinUpdate(null, json("{\"a\":{\"z\":2}}")), null, false);
        TwinDocument before = twins.get(KEY);
        TwinDocument after = reopen().get(KEY);
        assertSame(before, after);
        assertEquals(6, after.version());
    }

    @Test
    void twinInTheOlderSingleRowFormReadsBackAndKeepsItsReportedSectionThroughChanges() throws Exception {
        TwinService twins = withOldFormTwin();
        TwinDocument old = twins.get(KEY);
        assertEquals(5, old.version());
        assertEquals(json("{\"site\":\"x\"}"), old.tags());
        assertEquals(json("{\"r\":{\"s\":\"on\"}}"), old.reported().properties());
        assertEquals(3, old.reported().version());
        assertEquals(json("{\"d\":1}"), old.desired().properties());

        twins.update(KEY, new TwinUpdate(null, json("{\"e\":2}")), null, false);
        TwinDocument afterDesired = reopen().get(KEY);
        assertEquals(json("{\"r\":{\"s\":\"on\"}}"), afterDesired.reported().properties());
        assertEquals(6, afterDesired.version());

        TwinService again = new TwinService(database, Clock.systemUTC());
        assertEquals(4, again.patchReported(KEY, json("{\"q\":1}"), 3L));
        TwinDocument before = again.get(KEY);
        assertSame(before, reopen().get(KEY));
    }

    @Test
    void olderSingleRowTwinGetsItsReportedRowAtItsFirstReportedPatch() throws Exception {
        TwinService twins = withOldFormTwin();
        assertEquals(4, twins.patchReported(KEY, json("{\"q\":1}"), null));
        TwinDocument before = twins.get(KEY);
        TwinDocument after = reopen().get(KEY);
        assertSame(before, after);
        assertEquals(json("{\"r\":{\"s\":\"on\"},\"q\":1}"), after.reported().properties());
        assertEquals(6, after.version());
    }

    @Test
    void deletingTheTwinRemovesBothRows() throws Exception {
        created().patchReported(KEY, json("{\"b\":2}"), null);
        database.write(c -> {
            TwinService.deleteIn(c, KEY);
            return null;
        });
        assertEquals(null, row(DocumentTable.TWINS));
        assertEquals(null, row(DocumentTable.REPORTED));
    }

    private static void assertSame(TwinDocument expected, TwinDocument actual) {
        assertEquals(expected.toDeviceJson(), actual.toDeviceJson());
        assertEquals(expected.tags(), actual.tags());
        assertEquals(expected.etag(), actual.etag());
    }
}
