package dev.moduleagent.localhub.internal.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import dev.moduleagent.localhub.internal.Refusal;
import org.junit.jupiter.api.Test;

class IdentityKeyTest {

    @Test
    void splitsClientIdsIntoDeviceAndModule() {
        assertEquals(IdentityKey.module("d", "m"), IdentityKey.fromClientId("d/m"));
        assertEquals(IdentityKey.device("d"), IdentityKey.fromClientId("d"));
        assertNull(IdentityKey.fromClientId("d/m/x"));
        assertNull(IdentityKey.fromClientId("/m"));
        assertNull(IdentityKey.fromClientId(""));
    }

    @Test
    void normalizesThumbprintsAndRefusesMalformedOnes() throws Exception {
        Authentication auth = Authentication.thumbprints("ab:cd:" + "ef".repeat(18), null);
        assertEquals("ABCD" + "EF".repeat(18), auth.primaryThumbprint());
        assertTrue(auth.matchesThumbprint("ABCD" + "EF".repeat(18), "00"));
        assertThrows(Refusal.class, () -> Authentication.thumbprints("abc", null));
        assertThrows(Refusal.class, () -> Authentication.thumbprints(null, "AB".repeat(20)));
    }

    @Test
    void defaultAuthenticationIsSasWithGeneratedKeys() throws Exception {
        Authentication auth = Authentication.fromJson(null);
        assertEquals(AuthType.SAS, auth.type());
        assertEquals(32, java.util.Base64.getDecoder().decode(auth.primaryKey()).length);
        assertThrows(Refusal.class, () -> Authentication.fromJson(JsonParser.parseString("{\"type\":\"kerberos\"}")));
    }
}
