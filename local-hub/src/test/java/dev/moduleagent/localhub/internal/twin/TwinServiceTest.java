package dev.moduleagent.localhub.internal.twin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.moduleagent.localhub.internal.Refusal;
import dev.moduleagent.localhub.internal.identity.IdentityKey;
import dev.moduleagent.localhub.internal.store.HubDatabase;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TwinServiceTest {

    private static final IdentityKey KEY = IdentityKey.module("d", "m");

    @TempDir
    Path folder;

    private HubDatabase database;
    private TwinService twins;
    private final List<JsonObject> pushed = new ArrayList<>();

    @BeforeEach
    void open() throws Exception {
        database = HubDatabase.open(folder);
        twins = new TwinService(database, Clock.systemUTC());
        twins.setDesiredListener((key, patch, version) -> pushed.add(patch));
        database.write(c -> {
            twins.createIn(c, KEY);
            return null;
        });
    }

    @AfterEach
    void close() {
        database.close();
    }

    private static JsonObject json(String text) {
        return JsonParser.parseString(text).getAsJsonObject();
    }

    @Test
    void reportedPatchIncrementsVersionAndIsStored() throws Exception {
        assertEquals(2, twins.patchReported(KEY, json("{\"a\":1}"), null));
        assertEquals(3, twins.patchReported(KEY, json("{\"a\":null,\"b\":2}"), 2L));
        TwinService reopened = new TwinService(database, Clock.systemUTC());
        assertEquals(json("{\"b\":2}"), reopened.get(KEY).reported().properties());
    }

    @Test
    void staleReportedVersionIsRefusedWith412() {
        assertEquals(412, assertThrows(Refusal.class, () -> twins.patchReported(KEY, json("{\"a\":1}"), 7L)).status());
    }

    @Test
    void refusedPatchLeavesTheTwinUntouched() throws Exception {
        assertThrows(Refusal.class, () -> twins.patchReported(KEY, json("{\"bad key\":1}"), null));
        assertEquals(1, twins.get(KEY).reported().version());
    }

    @Test
    void desiredChangeIsPushedWithItsVersionAndReplacementNullsRemovedKeys() throws Exception {
        twins.update(KEY, new TwinUpdate(null, json("{\"a\":1,\"b\":2}")), null, false);
        twins.update(KEY, new TwinUpdate(null, json("{\"c\":3}")), null, true);
        assertEquals(json("{\"a\":1,\"b\":2,\"$version\":2}"), pushed.get(0));
        assertEquals(json("{\"c\":3,\"a\":null,\"b\":null,\"$version\":3}"), pushed.get(1));
    }

    @Test
    void tagsMergeWithoutTouchingDesiredOrPushing() throws Exception {
        TwinDocument twin = twins.update(KEY, new TwinUpdate(json("{\"site\":\"lab\",\"x\":1}"), null), null, false);
        twin = twins.update(KEY, new TwinUpdate(json("{\"x\":null}"), null), null, false);
        assertEquals(json("{\"site\":\"lab\"}"), twin.tags());
        assertEquals(1, twin.desired().version());
        assertFalse(pushed.iterator().hasNext());
    }

    @Test
    void wrongEtagIsRefusedWith412() throws Exception {
        String etag = twins.get(KEY).etag();
        twins.update(KEY, new TwinUpdate(null, json("{\"a\":1}")), etag, false);
        assertEquals(412, assertThrows(Refusal.class,
            () -> twins.update(KEY, new TwinUpdate(null, json("{\"a\":2}")), etag, false)).status());
    }
}
