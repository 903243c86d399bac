package dev.moduleagent.agent.internal.identity;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdentityReportTest {

    @TempDir
    Path dir;

    @Test
    void warnsOnceADayWithinSevenDaysOfExpiry() throws Exception {
        RenewalFixture fixture = new RenewalFixture(dir);
        X509Certificate leaf = fixture.currentLeaf();
        IdentityReport report = new IdentityReport(properties -> { }, fixture.clock);

        assertFalse(report.warnIfExpiring(leaf, "test"), "10 days left");
        fixture.clock.advance(Duration.ofDays(3).plusHours(1));
        assertTrue(report.warnIfExpiring(leaf, "test"), "less than 7 days left");
        assertFalse(report.warnIfExpiring(leaf, "test"), "not twice a day");
        fixture.clock.advance(Duration.ofHours(23));
        assertFalse(report.warnIfExpiring(leaf, "test"));
        fixture.clock.advance(Duration.ofHours(1));
        assertTrue(report.warnIfExpiring(leaf, "test"), "a day later");
    }
}
