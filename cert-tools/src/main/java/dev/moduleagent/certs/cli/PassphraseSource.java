package dev.moduleagent.certs.cli;

import dev.moduleagent.certs.CertificateToolException;
import dev.moduleagent.certs.Pem;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * Reads a passphrase from a file (its first line, as openssl's {@code file:} does) or from an environment variable;
 * never from the command line, where other users could see it.
 */
final class PassphraseSource {

    private PassphraseSource() {
    }

    /**
     * @param spec the command, for usage errors and the environment
     * @param file the passphrase file, or null
     * @param variable the environment variable's name, or null
     * @param options the two option names, for messages
     * @return the passphrase, or null when neither is given
     * @throws CertificateToolException when the file cannot be read, the variable is unset, or the passphrase is empty
     */
    static char[] read(CommandSpec spec, Path file, String variable, String... options) throws CertificateToolException {
        if (file != null && variable != null) {
            throw new ParameterException(spec.commandLine(), options[0] + " and " + options[1]
                    + " are mutually exclusive");
        }
        if (file != null) {
            return nonEmpty(firstLine(file), file + ": the passphrase file is empty");
        }
        if (variable != null) {
            String value = ((CertTools) spec.root().userObject()).environmentVariable(variable);
            if (value == null) {
                throw new CertificateToolException("environment variable " + variable + " is not set");
            }
            return nonEmpty(value.toCharArray(), "environment variable " + variable + " is empty");
        }
        return null;
    }

    private static char[] firstLine(Path file) throws CertificateToolException {
        byte[] bytes = Pem.read(file);
        try {
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
            int end = 0;
            while (end < chars.length() && chars.get(end) != '\n') {
                end++;
            }
            if (end > 0 && chars.get(end - 1) == '\r') {
                end--;
            }
            char[] line = new char[end];
            chars.get(line);
            Arrays.fill(chars.array(), '\0');
            return line;
        } catch (CharacterCodingException e) {
            throw new CertificateToolException(file + ": the passphrase file is not UTF-8 text", e);
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    private static char[] nonEmpty(char[] passphrase, String message) throws CertificateToolException {
        if (passphrase.length == 0) {
            throw new CertificateToolException(message);
        }
        return passphrase;
    }
}
