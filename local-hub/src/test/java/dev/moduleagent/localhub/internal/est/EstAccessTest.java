package dev.moduleagent.localhub.internal.est;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.moduleagent.certs.CertificateAuthority;
import dev.moduleagent.certs.CertificateToolException;
import dev.moduleagent.certs.KeyAlgorithm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EstAccessTest {

    @TempDir
    Path dataDir;

    @Test
    void storesAHashAndChecksPasswords() throws Exception {
        EstAccess access = new EstAccess(dataDir);
        assertFalse(access.hasUsers());

        assertTrue(access.setUser("alice", "correct-horse".toCharArray()));
        assertFalse(access.setUser("alice", "battery-staple".toCharArray()), "a second call changes the password");

        assertTrue(access.checkUser("alice", "battery-staple".toCharArray()));
        assertFalse(access.checkUser("alice", "correct-horse".toCharArray()));
        assertFalse(access.checkUser("bob", "battery-staple".toCharArray()));
        String stored = Files.readString(dataDir.resolve("est/users"));
        assertFalse(stored.contains("battery-staple"), stored);
        assertTrue(stored.contains("alice:pbkdf2-sha256$"), stored);
    }

    @Test
    void refusesBadNamesShortPasswordsAndNonCaBootstrapCertificates() throws Exception {
        EstAccess access = new EstAccess(dataDir);
        assertThrows(IllegalArgumentException.class, () -> access.setUser("a:b", "long-enough-1".toCharArray()));
        assertThrows(IllegalArgumentException.class, () -> access.setUser("carol", "short".toCharArray()));

        CertificateAuthority ca = CertificateAuthority.createRoot("Factory", KeyAlgorithm.EC_P256, Duration.ofDays(1));
        assertEquals(1, access.addBootstrapCas(List.of(ca.certificate())));
        assertEquals(0, access.addBootstrapCas(List.of(ca.certificate())), "a duplicate is skipped");
        assertEquals(List.of(ca.certificate()), access.bootstrapCas());
        var leaf = ca.verificationCertificate("CODE", Duration.ofDays(1));
        assertThrows(CertificateToolException.class, () -> access.addBootstrapCas(List.of(leaf)));
    }

    @Test
    void malformedStoredHashesNeverMatch() {
        assertFalse(PasswordHash.matches("x".toCharArray(), "plain-text"));
        assertFalse(PasswordHash.matches("x".toCharArray(), "pbkdf2-sha256$999999999$AAAA$AAAA"));
        assertTrue(PasswordHash.matches("x".toCharArray(), PasswordHash.hash("x".toCharArray())));
    }
}
