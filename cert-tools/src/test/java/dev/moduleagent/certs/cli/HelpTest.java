package dev.moduleagent.certs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HelpTest {

    @ParameterizedTest
    @ValueSource(strings = {"", "key", "csr", "self-signed", "ca", "ca init", "ca sign", "ca verification-cert",
            "inspect", "verify", "pkcs12", "enroll", "renew", "est", "est cacerts"})
    void everyCommandHasHelp(String command) {
        String[] words = command.isEmpty() ? new String[0] : command.split(" ");
        String[] args = Arrays.copyOf(words, words.length + 1);
        args[words.length] = "--help";

        CliRun run = CliRun.run(args);

        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().startsWith("Usage: cert-tools" + (command.isEmpty() ? "" : " " + command)), run.out());
    }
}
