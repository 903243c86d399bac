package dev.moduleagent.agent.internal.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.moduleagent.certs.IdentityName;
import dev.moduleagent.certs.KeyAlgorithm;
import dev.moduleagent.certs.KeyPairs;
import dev.moduleagent.certs.Pem;
import dev.moduleagent.certs.SelfSigned;
import dev.moduleagent.certs.Thumbprints;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdentityRenewalTest {

    @TempDir
    Path dir;

    @Test
    void GIVEN_half_the_lifetime_left_WHEN_checked_THEN_a_new_pair_is_promoted_and_the_old_kept_as_previous()
            throws Exception {
        RenewalFixture fixture = new RenewalFixture(dir);
        X509Certificate old = fixture.currentLeaf();
        IdentityRenewal renewal = fixture.renewal();

        fixture.clock.advance(Duration.ofDays(4));
        renewal.check();
        assertEquals(0, fixture.enrollCalls.get(), "not yet at 50 %");

        fixture.clock.advance(Duration.ofDays(2));
        renewal.check();

        X509Certificate renewed = fixture.currentLeaf();
        assertNotEquals(old.getSerialNumber(), renewed.getSerialNumber());
        assertEquals(old.getSubjectX500Principal(), renewed.getSubjectX500Principal());
        assertNotEquals(old.getPublicKey(), renewed.getPublicKey(), "a new key");
        assertEquals(Thumbprints.sha256(renewed), fixture.loadConfigured().thumbprintSha256(), "a consistent pair");
        assertEquals(old, Pem.readCertificates(fixture.files.previousCert()).get(0));
        assertTrue(KeyPairs.matches(Pem.readPrivateKey(fixture.files.previousKey(), null), old));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(fixture.files.key())));
        assertEquals("rw-------",
                PosixFilePermissions.toString(Files.getPosixFilePermissions(fixture.files.previousKey())));
        assertFalse(Files.exists(fixture.files.stagedKey()) || Files.exists(fixture.files.stagedCert()));
        assertEquals(RenewalState.VALID, fixture.files.journal().read().state());
        assertEquals("promoted", fixture.files.journal().read().last().outcome());
        assertEquals(1, fixture.reconnects.size(), "one reconnect, with the new pair");
        assertEquals("promoted", lastOutcome(fixture));
        assertTrue(renewal.renewAt().isAfter(fixture.clock.instant()), "the next renewal point is ahead");
    }

    @Test
    void GIVEN_the_est_server_down_WHEN_checked_THEN_the_old_pair_stays_and_it_retries_after_a_backoff()
            throws Exception {
        RenewalFixture fixture = new RenewalFixture(dir);
        X509Certificate old = fixture.currentLeaf();
        IdentityRenewal renewal = fixture.renewal();
        fixture.estFailure = "est at https://127.0.0.1: unreachable (connection refused)";
        fixture.clock.advance(Duration.ofDays(6));

        renewal.check();
        assertEquals(1, fixture.enrollCalls.get());
        assertEquals(old, fixture.currentLeaf());
        assertFalse(Files.exists(fixture.files.stagedKey()));
        assertEquals("failed", lastOutcome(fixture));
        assertTrue(lastReason(fixture).contains("unreachable"), lastReason(fixture));
        assertEquals(0, fixture.reconnects.size(), "the hub connection is not touched");

        renewal.check();
        assertEquals(1, fixture.enrollCalls.get(), "no new attempt before the back-off");

        fixture.estFailure = null;
        fixture.clock.advance(Duration.ofMinutes(2));
        renewal.check();
        assertEquals(2, fixture.enrollCalls.get());
        assertNotEquals(old, fixture.currentLeaf());
        assertEquals("promoted", lastOutcome(fixture));
    }

    @Test
    void GIVEN_the_est_server_certifies_another_subject_WHEN_renewing_THEN_it_is_refused_and_the_old_pair_kept()
            throws Exception {
        RenewalFixture fixture = new RenewalFixture(dir);
        X509Certificate old = fixture.currentLeaf();
        IdentityRenewal renewal = fixture.renewal();
        fixture.issueFor = IdentityName.of("dev1", "someone-else");
        fixture.clock.advance(Duration.ofDays(6));

        renewal.check();

        assertEquals(old, fixture.currentLeaf());
        assertFalse(Files.exists(fixture.files.stagedCert()));
        assertEquals(0, fixture.reconnects.size());
        assertEquals("failed", lastOutcome(fixture));
        assertTrue(lastReason(fixture).contains("dev1/someone-else"), lastReason(fixture));
        fixture.loadConfigured();
    }

    @Test
    void GIVEN_the_hub_refuses_the_new_pair_WHEN_on_trial_THEN_the_session_goes_back_to_the_old_pair_and_says_why()
            throws Exception {
        RenewalFixture fixture = new RenewalFixture(dir);
        X509Certificate old = fixture.currentLeaf();
        IdentityRenewal renewal = fixture.renewal();
        fixture.hubVerdicts.add("open failed: UNAUTHORIZED: not authorized");
        fixture.hubVerdicts.add(null);
        fixture.clock.advance(Duration.ofDays(6));

        renewal.check();

        assertEquals(2, fixture.reconnects.size(), "the new pair, then back to the old one");
        assertEquals(old, fixture.currentLeaf());
        assertFalse(Files.exists(fixture.files.stagedKey()) || Files.exists(fixture.files.stagedCert()));
        assertFalse(Files.exists(fixture.files.previousCert()), "nothing was promoted");
        assertEquals("rolled-back", lastOutcome(fixture));
        assertTrue(lastReason(fixture).contains("UNAUTHORIZED"), lastReason(fixture));
        assertEquals(RenewalState.VALID, renewal.state());
        fixture.loadConfigured();
    }

    @Test
    void GIVEN_a_self_signed_certificate_WHEN_checked_THEN_nothing_is_renewed_and_the_report_says_manual()
            throws Exception {
        RenewalFixture fixture = new RenewalFixture(dir);
        KeyPair keys = KeyPairs.generate(KeyAlgorithm.EC_P256);
        Pem.writePrivateKey(fixture.files.key(), keys.getPrivate(), null, true);
        Pem.writeCertificates(fixture.files.cert(),
                List.of(SelfSigned.clientCertificate(keys, RenewalFixture.NAME, Duration.ofDays(10))), true);
        IdentityRenewal renewal = fixture.renewal();
        renewal.reportNow();
        fixture.clock.advance(Duration.ofDays(9));

        renewal.check();

        assertFalse(renewal.automatic());
        assertEquals(0, fixture.enrollCalls.get());
        Map<?, ?> identity = (Map<?, ?>) fixture.reports.get(fixture.reports.size() - 1).get("identity");
        assertTrue(String.valueOf(((Map<?, ?>) identity.get("renewal")).get("mode")).startsWith("manual: self-signed"));
        assertEquals(null, identity.get("renewAt"));
    }

    static String lastOutcome(RenewalFixture fixture) {
        return String.valueOf(last(fixture).get("outcome"));
    }

    static String lastReason(RenewalFixture fixture) {
        return String.valueOf(last(fixture).get("reason"));
    }

    private static Map<?, ?> last(RenewalFixture fixture) {
        Map<?, ?> identity = (Map<?, ?>) fixture.reports.get(fixture.reports.size() - 1).get("identity");
        return (Map<?, ?>) ((Map<?, ?>) identity.get("renewal")).get("last");
    }
}
