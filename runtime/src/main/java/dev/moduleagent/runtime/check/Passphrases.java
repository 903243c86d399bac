package dev.moduleagent.runtime.check;

import dev.moduleagent.certs.CertificateToolException;
import dev.moduleagent.certs.Pem;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.util.Arrays;

/** Opens the module's private key with the passphrase file, if any, and wipes the passphrase from memory after. */
final class Passphrases {

    private static final int MAX_BYTES = 4096;

    private Passphrases() {
    }

    static PrivateKey readKey(Path keyFile, Path passphraseFile) throws CheckFailure {
        char[] passphrase = passphraseFile == null ? null : read(passphraseFile);
        try {
            return Pem.readPrivateKey(keyFile, passphrase);
        } catch (CertificateToolException e) {
            throw new CheckFailure("key", "key.file " + IdentityChecks.oneLine(e.getMessage()), e);
        } finally {
            if (passphrase != null) {
                Arrays.fill(passphrase, '\0');
            }
        }
    }

    private static char[] read(Path file) throws CheckFailure {
        byte[] bytes = null;
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new CheckFailure("key", "key.passphrase.file " + file + " is larger than " + MAX_BYTES + " bytes");
            }
            bytes = Files.readAllBytes(file);
            int end = bytes.length;
            while (end > 0 && (bytes[end - 1] == '\n' || bytes[end - 1] == '\r')) {
                end--;
            }
            if (end == 0) {
                throw new CheckFailure("key", "key.passphrase.file " + file + " is empty");
            }
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, 0, end));
            char[] passphrase = Arrays.copyOfRange(chars.array(), chars.position(), chars.limit());
            Arrays.fill(chars.array(), '\0');
            return passphrase;
        } catch (CharacterCodingException e) {
            throw new CheckFailure("key", "key.passphrase.file " + file + " is not UTF-8 text");
        } catch (NoSuchFileException e) {
            throw new CheckFailure("key", "key.passphrase.file " + file + " does not exist");
        } catch (IOException e) {
            throw new CheckFailure("key", "key.passphrase.file " + file + " cannot be read ("
                    + e.getClass().getSimpleName() + ")");
        } finally {
            if (bytes != null) {
                Arrays.fill(bytes, (byte) 0);
            }
        }
    }
}
