package dev.moduleagent.osconfig.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class OsConfigDefaultsTest {

    @Test
    void withoutConfigurationTheRootIsAFolderOfTheAgentsDataNotTheSystem() throws Exception {
        // what Declarative Services hands the component when no dev.moduleagent.osconfig configuration exists
        Object root = OsConfigConfig.class.getMethod("root").getDefaultValue();

        assertEquals("data/os-config", root);
        Path resolved = Path.of((String) root).toAbsolutePath();
        assertFalse(Path.of((String) root).isAbsolute(), "relative to the agent's working folder");
        assertTrue(resolved.startsWith(Path.of("").toAbsolutePath()), resolved.toString());
        assertFalse(resolved.equals(Path.of("/")), resolved.toString());
    }
}
