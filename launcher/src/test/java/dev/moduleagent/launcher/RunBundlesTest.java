package dev.moduleagent.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunBundlesTest {

    private static final String BNDRUN = "-runfw: org.apache.felix.framework\n"
            + "-runbundles: \\\n"
            + "\ttest.a;version='[1.2.0,1.2.1)',\\\n"
            + "\ttest.b;version='[2.0.0,2.0.1)'\n";

    @TempDir
    Path dir;

    @Test
    void theAgentsListNamesAgentCoreAndTheServicesItIsHostedBy() {
        List<String> names = RunBundles.agent().entries().stream().map(RunBundles.Entry::symbolicName).toList();

        assertTrue(names.containsAll(List.of("dev.moduleagent.agent-core", "org.apache.felix.scr",
                "org.apache.felix.configadmin", "org.apache.felix.fileinstall")), names.toString());
    }

    @Test
    void selectsTheJarOfEachBundleInAMatchingVersionInTheListsOrder() throws Exception {
        Path b = bundle("b.jar", "test.b", "2.0.0");
        Path oldA = bundle("a-old.jar", "test.a", "1.1.0");
        Path a = bundle("a.jar", "test.a", "1.2.0.SNAPSHOT");
        Path plain = Files.write(dir.resolve("readme.txt"), new byte[] {1});

        assertEquals(List.of(a, b), RunBundles.parse(BNDRUN).select(List.of(plain, b, oldA, a)));
    }

    @Test
    void namesTheBundlesThatAreMissing() throws Exception {
        Path b = bundle("b.jar", "test.b", "2.0.0");

        IOException e = assertThrows(IOException.class, () -> RunBundles.parse(BNDRUN).select(List.of(b)));

        assertTrue(e.getMessage().contains("test.a [1.2.0,1.2.1)"), e.getMessage());
    }

    @Test
    void selectsWhatIsAvailableLeavingOutAPrefix() throws Exception {
        Path b = bundle("b.jar", "test.b", "2.0.0");
        Path a = bundle("a.jar", "test.a", "1.2.0");

        assertEquals(List.of(b), RunBundles.parse(BNDRUN).selectAvailable(List.of(a, b), "test.a"));
    }

    @Test
    void refusesABndrunWithoutRunBundles() {
        assertThrows(IllegalArgumentException.class, () -> RunBundles.parse("-runfw: x\n"));
    }

    private Path bundle(String fileName, String symbolicName, String version) throws IOException {
        return TestJars.bundle(dir.resolve(fileName), symbolicName + ";singleton:=true", version);
    }
}
