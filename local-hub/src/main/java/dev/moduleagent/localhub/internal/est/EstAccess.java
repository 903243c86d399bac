package dev.moduleagent.localhub.internal.est;

import dev.moduleagent.certs.CertificateToolException;
import dev.moduleagent.certs.Pem;
import dev.moduleagent.localhub.internal.SecretFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Who may enroll at the EST server, kept as files in the data folder so that the CLI can change them while the hub
 * runs (the database is locked by the running hub): {@code est/users} (Basic users with PBKDF2 hashes, 0600) and
 * {@code est/bootstrap-ca.pem} (CAs whose client certificates may enroll). Read on every enrollment request.
 */
public final class EstAccess {

    /** Allowed user names. */
    public static final Pattern USER_NAME = Pattern.compile("[A-Za-z0-9._@-]{1,64}");
    private static final int MAX_USERS = 1000;
    private static final int MAX_BOOTSTRAP_CAS = 100;

    private final Path usersFile;
    private final Path bootstrapFile;

    /** @param dataDir the hub's data folder */
    public EstAccess(Path dataDir) {
        Path folder = dataDir.resolve("est");
        this.usersFile = folder.resolve("users");
        this.bootstrapFile = folder.resolve("bootstrap-ca.pem");
    }

    /**
     * Adds a Basic user or replaces its password.
     *
     * @return true when the user was new
     */
    public synchronized boolean setUser(String name, char[] password) throws IOException {
        if (!USER_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("EST user name must be 1-64 characters of A-Z a-z 0-9 . _ @ -");
        }
        if (password.length < 8) {
            throw new IllegalArgumentException("EST password must have at least 8 characters");
        }
        Map<String, String> users = readUsers();
        if (!users.containsKey(name) && users.size() >= MAX_USERS) {
            throw new IllegalArgumentException("at most " + MAX_USERS + " EST users");
        }
        boolean added = users.put(name, PasswordHash.hash(password)) == null;
        StringBuilder text = new StringBuilder("# local-hub EST users: name:pbkdf2 hash (written by 'local-hub est credentials')\n");
        users.forEach((user, hash) -> text.append(user).append(':').append(hash).append('\n'));
        SecretFiles.write(usersFile, text.toString());
        return added;
    }

    /** @return whether the user exists and the password is right */
    public boolean checkUser(String name, char[] password) throws IOException {
        String hash = readUsers().get(name);
        return hash != null && PasswordHash.matches(password, hash);
    }

    /** @return whether any Basic user is configured */
    public boolean hasUsers() throws IOException {
        return !readUsers().isEmpty();
    }

    /** Adds CA certificates whose client certificates may enroll (duplicates are skipped); returns how many were new. */
    public synchronized int addBootstrapCas(List<X509Certificate> cas) throws IOException, CertificateToolException {
        List<X509Certificate> all = new ArrayList<>(bootstrapCas());
        int added = 0;
        for (X509Certificate ca : cas) {
            if (ca.getBasicConstraints() < 0) {
                throw new CertificateToolException(ca.getSubjectX500Principal().getName() + " is not a CA certificate");
            }
            if (!all.contains(ca)) {
                all.add(ca);
                added++;
            }
        }
        if (all.size() > MAX_BOOTSTRAP_CAS) {
            throw new IllegalArgumentException("at most " + MAX_BOOTSTRAP_CAS + " bootstrap CAs");
        }
        Pem.writeCertificates(bootstrapFile, all, true);
        return added;
    }

    /** @return the bootstrap CAs, empty when none is configured */
    public List<X509Certificate> bootstrapCas() throws IOException, CertificateToolException {
        return Files.exists(bootstrapFile) ? Pem.readCertificates(bootstrapFile) : List.of();
    }

    private Map<String, String> readUsers() throws IOException {
        Map<String, String> users = new LinkedHashMap<>();
        if (!Files.exists(usersFile)) {
            return users;
        }
        if (Files.size(usersFile) > 1024 * 1024) {
            throw new IOException(usersFile + " is larger than 1 MiB");
        }
        for (String line : Files.readAllLines(usersFile, StandardCharsets.UTF_8)) {
            int colon = line.indexOf(':');
            if (!line.startsWith("#") && colon > 0) {
                users.put(line.substring(0, colon), line.substring(colon + 1).trim());
            }
        }
        return users;
    }
}
