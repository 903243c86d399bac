package dev.moduleagent.certs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IdentityNameTest {

    @Test
    void acceptsEveryCharacterIotHubAllows() throws Exception {
        String id = "aZ09-.%_*?!(),:=@$'";
        IdentityName name = IdentityName.of(id, id);

        assertEquals(id + "/" + id, name.commonName());
    }

    @Test
    void rejectsSlashInModuleIdNamingTheCharacter() {
        CertificateToolException e = assertThrows(CertificateToolException.class,
                () -> IdentityName.of("device01", "mod/ule"));
        assertTrue(e.getMessage().contains("module id 'mod/ule' has the character '/' at position 4"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev ice", "dev#1", "dev+1", "dév", "dev\\1"})
    void rejectsCharactersOutsideTheAllowedSet(String deviceId) {
        CertificateToolException e = assertThrows(CertificateToolException.class, () -> IdentityName.of(deviceId, null));
        assertTrue(e.getMessage().startsWith("device id '"), e.getMessage());
        assertTrue(e.getMessage().contains("has the character"), e.getMessage());
    }

    @Test
    void rejectsIdsLongerThan128Characters() throws Exception {
        IdentityName.of("d".repeat(128), "m".repeat(128));
        CertificateToolException e = assertThrows(CertificateToolException.class,
                () -> IdentityName.of("d".repeat(129), null));
        assertTrue(e.getMessage().contains("129 characters"), e.getMessage());
    }

    @Test
    void rejectsEmptyIds() {
        assertThrows(CertificateToolException.class, () -> IdentityName.of("", null));
        assertThrows(CertificateToolException.class, () -> IdentityName.of("d", ""));
        assertThrows(IllegalArgumentException.class, () -> new IdentityName("d", "a b"));
    }

    @Test
    void parsesModuleAndDeviceCommonNames() throws Exception {
        assertEquals(new IdentityName("device01", "module01"), IdentityName.parseCommonName("device01/module01"));
        IdentityName device = IdentityName.parseCommonName("device01");
        assertNull(device.moduleId());
        assertThrows(CertificateToolException.class, () -> IdentityName.parseCommonName("a/b/c"));
    }

    @Test
    void readsTheIdentityFromACertificateSubject() throws Exception {
        IdentityName name = IdentityName.of("device01", "module01");
        var cert = SelfSigned.clientCertificate(KeyPairs.generate(KeyAlgorithm.EC_P256), name, Duration.ofDays(1));

        assertEquals(name, IdentityName.fromCertificate(cert).orElseThrow());
        var ca = CertificateAuthority.createRoot("not an identity", KeyAlgorithm.EC_P256, Duration.ofDays(1));
        assertTrue(IdentityName.fromCertificate(ca.certificate()).isEmpty());
    }
}
