package dev.moduleagent.agent.internal.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class KeyRulesTest {

    private static final ConfigDeclaration.Key WINDOW = new ConfigDeclaration.Key("plugins.healthWindow", "Long", false,
            "10", "1", "3600", List.of());
    private static final ConfigDeclaration.Key TRANSPORT = new ConfigDeclaration.Key("transport", "String", false,
            "MQTT", null, null, List.of("MQTT", "AMQPS"));

    @Test
    void anUnsetOptionalKeyIsFineAndAnUnsetRequiredOneIsNamed() {
        assertEquals(Optional.empty(), KeyRules.problem(WINDOW, null));
        assertEquals(Optional.of("required key 'hub.host' is missing or empty"), KeyRules.problem(
                new ConfigDeclaration.Key("hub.host", "String", true, null, null, null, List.of()), null));
    }

    @Test
    void numbersMustBeWholeAndInTheDeclaredRange() {
        assertEquals(Optional.empty(), KeyRules.problem(WINDOW, "3600"));
        assertEquals(Optional.of("'plugins.healthWindow' is '0', expected a whole number from 1 to 3600"),
                KeyRules.problem(WINDOW, "0"));
        assertEquals(Optional.of("'plugins.healthWindow' is '1.5', expected a whole number from 1 to 3600"),
                KeyRules.problem(WINDOW, "1.5"));
    }

    @Test
    void booleansAndChoicesAreNamedWithWhatIsAccepted() {
        ConfigDeclaration.Key unsigned = new ConfigDeclaration.Key("plugins.allowUnsigned", "Boolean", false, "false",
                null, null, List.of());
        assertEquals(Optional.empty(), KeyRules.problem(unsigned, "TRUE"));
        assertEquals(Optional.of("'plugins.allowUnsigned' is 'yes', expected true or false"),
                KeyRules.problem(unsigned, "yes"));
        assertEquals(Optional.empty(), KeyRules.problem(TRANSPORT, "amqps"));
        assertEquals(Optional.of("'transport' is 'HTTP', expected one of MQTT, AMQPS"), KeyRules.problem(TRANSPORT,
                "HTTP"));
    }
}
