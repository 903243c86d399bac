package dev.moduleagent.agent.internal.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.moduleagent.certs.KeyAlgorithm;
import dev.moduleagent.certs.KeyPairs;
import dev.moduleagent.certs.Pem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The agent killed between every two steps of a renewal: the next start (recovery, then the identity loaded as the
 * agent loads it) finds a consistent key/cert pair, and the renewal then finishes or is retried.
 */
class RenewalKillTest {

    @TempDir
    Path dir;

    /** Stops the renewal where a kill would: nothing after the step runs, nothing is cleaned up. */
    private static final class Killed extends Error {
        private static final long serialVersionUID = 1L;

        Killed(String step) {
            super("killed after " + step, null, false, false);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"RENEWING", "enrolled", "staged-files", "STAGED", "TRIAL", "accepted", "previous-kept",
        "PROMOTING", "moved", "VALID"})
    void GIVEN_a_kill_after_a_step_WHEN_the_agent_starts_again_THEN_the_pair_is_consistent_and_renewal_completes(
            String step) throws Exception {
        RenewalFixture fixture = new RenewalFixture(dir);
        X509Certificate old = fixture.currentLeaf();
        renewUntilKilled(fixture, step);

        RenewalService.recover(new IdentityFiles(fixture.files.key(), null, fixture.files.cert(), null), fixture.clock);
        fixture.loadConfigured(); // the agent's start-up check: key matches cert, CN, validity
        IdentityRenewal second = fixture.renewal();
        second.check();

        X509Certificate now = fixture.currentLeaf();
        assertNotEquals(old.getSerialNumber(), now.getSerialNumber(), "renewed after the restart");
        fixture.loadConfigured();
        assertEquals(RenewalState.VALID, second.state());
        assertFalse(Files.exists(fixture.files.stagedKey()) || Files.exists(fixture.files.stagedCert()));
        assertEquals(old, Pem.readCertificates(fixture.files.previousCert()).get(0), "the previous pair is the old one");
        assertTrue(KeyPairs.matches(Pem.readPrivateKey(fixture.files.previousKey(), null), old));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ROLLING_BACK", "reverted"})
    void GIVEN_a_kill_during_a_rollback_WHEN_the_agent_starts_again_THEN_the_old_pair_is_used_and_renewal_retried(
            String step) throws Exception {
        RenewalFixture fixture = new RenewalFixture(dir);
        X509Certificate old = fixture.currentLeaf();
        fixture.hubVerdicts.add("open failed: UNAUTHORIZED");
        renewUntilKilled(fixture, step);

        RenewalService.recover(new IdentityFiles(fixture.files.key(), null, fixture.files.cert(), null), fixture.clock);
        assertEquals(old, fixture.currentLeaf());
        fixture.loadConfigured();
        assertFalse(Files.exists(fixture.files.stagedKey()) || Files.exists(fixture.files.stagedCert()));
        IdentityRenewal second = fixture.renewal();
        second.check();
        assertNotEquals(old.getSerialNumber(), fixture.currentLeaf().getSerialNumber(), "retried and promoted");
        fixture.loadConfigured();
    }

    @Test
    void GIVEN_a_kill_between_the_key_and_the_cert_rename_WHEN_recovering_THEN_the_promotion_is_finished() throws Exception {
        RenewalFixture fixture = new RenewalFixture(dir);
        X509Certificate old = fixture.currentLeaf();
        KeyPair keys = KeyPairs.generate(KeyAlgorithm.EC_P256);
        X509Certificate renewed = fixture.sign(keys, RenewalFixture.NAME, RenewalFixture.LIFETIME);
        fixture.files.writeStaged(keys.getPrivate(), List.of(renewed), null);
        fixture.files.keepPrevious();
        fixture.files.journal().write(new RenewalJournal.Entry(RenewalState.PROMOTING, null));
        Files.move(fixture.files.stagedKey(), fixture.files.key(), StandardCopyOption.REPLACE_EXISTING);
        assertFalse(KeyPairs.matches(Pem.readPrivateKey(fixture.files.key(), null), fixture.currentLeaf()),
                "the moment the kill hit: new key, old certificate");

        RenewalService.recover(new IdentityFiles(fixture.files.key(), null, fixture.files.cert(), null), fixture.clock);

        assertEquals(Pem.readCertificates(fixture.files.cert()).get(0), renewed);
        fixture.loadConfigured();
        assertEquals(old, Pem.readCertificates(fixture.files.previousCert()).get(0));
        assertEquals(RenewalState.VALID, fixture.files.journal().read().state());
    }

    @Test
    void GIVEN_a_half_written_staged_pair_WHEN_recovering_THEN_it_is_discarded_and_the_old_pair_used() throws Exception {
        RenewalFixture fixture = new RenewalFixture(dir);
        X509Certificate old = fixture.currentLeaf();
        KeyPair keys = KeyPairs.generate(KeyAlgorithm.EC_P256);
        Pem.writePrivateKey(fixture.files.stagedKey(), keys.getPrivate(), null, true);
        fixture.files.journal().write(new RenewalJournal.Entry(RenewalState.TRIAL, null));

        RenewalService.recover(new IdentityFiles(fixture.files.key(), null, fixture.files.cert(), null), fixture.clock);

        assertEquals(old, fixture.currentLeaf());
        assertFalse(Files.exists(fixture.files.stagedKey()));
        assertEquals(RenewalState.VALID, fixture.files.journal().read().state());
    }

    /** Runs a renewal that is due and stops it after {@code step}, as a kill would. */
    private static void renewUntilKilled(RenewalFixture fixture, String step) throws Exception {
        IdentityRenewal first = fixture.renewal();
        first.onStep(name -> {
            if (name.equals(step)) {
                throw new Killed(step);
            }
        });
        fixture.clock.advance(Duration.ofDays(6));
        try {
            first.check();
        } catch (Killed expected) {
            // the process is gone here
        }
    }
}
