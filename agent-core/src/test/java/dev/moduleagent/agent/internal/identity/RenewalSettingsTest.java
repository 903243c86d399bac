package dev.moduleagent.agent.internal.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RenewalSettingsTest {

    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant END = START.plus(Duration.ofDays(100));

    @Test
    void percentOfTheLifetime() {
        assertEquals(START.plus(Duration.ofDays(70)), RenewBefore.parse("30%").renewAt(START, END));
    }

    @Test
    void durationsInShortAndIsoForm() {
        assertEquals(END.minus(Duration.ofDays(7)), RenewBefore.parse("7d").renewAt(START, END));
        assertEquals(END.minus(Duration.ofHours(12)), RenewBefore.parse("PT12H").renewAt(START, END));
        assertEquals(END.minus(Duration.ofSeconds(45)), RenewBefore.parse("45s").renewAt(START, END));
    }

    @Test
    void withBothTheEarlierPointWins() {
        assertEquals(START.plus(Duration.ofDays(70)), RenewBefore.parse("30%, 7d").renewAt(START, END));
        assertEquals(END.minus(Duration.ofDays(40)), RenewBefore.parse("30%,40d").renewAt(START, END));
    }

    @Test
    void aDurationLongerThanTheLifetimeMeansRenewAtOnce() {
        assertEquals(START, RenewBefore.parse("400d").renewAt(START, END));
    }

    @Test
    void badValuesAreOneLineErrorsNamingTheKey() {
        for (String bad : new String[] {"0%", "100%", "abc", "-5d", "30%,40%", "7d,8d", "P"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RenewBefore.parse(bad));
            assertTrue(e.getMessage().startsWith("renew.before '" + bad + "'"), e.getMessage());
        }
    }

    @Test
    void settingsDefaultToTheHubTrustAnHourlyCheckAnd30Percent() {
        RenewalSettings settings = RenewalSettings.parse(Map.of("renew.est.url", "https://ca.example:8443/.well-known/est"),
                Path.of("hub-ca.pem"));
        assertTrue(settings.enabled());
        assertEquals(Path.of("hub-ca.pem"), settings.estTrust());
        assertEquals(Duration.ofHours(1), settings.check());
        assertEquals(RenewBefore.DEFAULT, settings.before());
        assertFalse(RenewalSettings.parse(Map.of(), null).enabled());
    }

    @Test
    void wrongSettingsSayWhatToFix() {
        assertEquals("renew.est.url 'http://ca/est' is not an EST URL (https://host[:port]/.well-known/est[/label])",
                assertThrows(IllegalArgumentException.class, () -> RenewalSettings.parse(
                        Map.of("renew.est.url", "http://ca/est"), Path.of("t.pem"))).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> RenewalSettings.parse(
                Map.of("renew.est.url", "https://ca/.well-known/est"), null)).getMessage().contains("renew.est.trust"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> RenewalSettings.parse(
                Map.of("renew.check", "soon"), null)).getMessage().startsWith("renew.check 'soon'"));
    }
}
