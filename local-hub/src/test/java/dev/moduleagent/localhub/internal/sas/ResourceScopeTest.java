package dev.moduleagent.localhub.internal.sas;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ResourceScopeTest {

    private static final List<String> DEVICE_A = ResourceScope.identity("a", null);
    private static final List<String> MODULE_A_M = ResourceScope.identity("a", "m");

    @Test
    void theHubCoversEverythingAndTheHostIsComparedWithoutCase() {
        ResourceScope hub = ResourceScope.parse("MyHub.Example/");
        assertTrue(hub.isForHost("myhub.example"));
        assertTrue(hub.covers(DEVICE_A));
        assertTrue(hub.covers(List.of()));
    }

    @Test
    void aPrefixCountsBySegmentNotByCharacter() {
        assertTrue(ResourceScope.parse("h/devices/a").covers(MODULE_A_M));
        assertTrue(ResourceScope.parse("h/devices").covers(DEVICE_A));
        assertFalse(ResourceScope.parse("h/devices/a").covers(ResourceScope.identity("ab", null)));
        assertFalse(ResourceScope.parse("h/devices/a/modules/m").covers(DEVICE_A));
        assertFalse(ResourceScope.parse("h/devices/A").covers(DEVICE_A), "identity ids are case-sensitive");
    }

    @Test
    void anotherHostOrAHostWithAPortIsNotThisHub() {
        assertFalse(ResourceScope.parse("127.0.0.20").isForHost("127.0.0.2"));
        assertFalse(ResourceScope.parse("127.0.0.2:8443").isForHost("127.0.0.2"));
        assertFalse(ResourceScope.parse("").isForHost("127.0.0.2"));
    }
}
