package dev.moduleagent.osconfig.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The backend: the standard files of a systemd-based OS under a root folder ({@code /} on a device). Timezone:
 * {@code /etc/timezone} and the {@code /etc/localtime} link into {@code /usr/share/zoneinfo}; host name:
 * {@code /etc/hostname}; NTP: {@code NTP=} in {@code /etc/systemd/timesyncd.conf}; log level: {@code MaxLevelStore=}
 * in the drop-in {@code /etc/systemd/journald.conf.d/50-module-agent.conf}. It writes files only; the services pick
 * the changes up when they restart.
 */
final class SystemFiles {

    static final String JOURNALD_DROP_IN = "etc/systemd/journald.conf.d/50-module-agent.conf";
    private static final String ZONEINFO = "usr/share/zoneinfo/";
    private final Path root;

    SystemFiles(Path root) {
        this.root = root;
    }

    /**
     * Writes the given settings through the transaction.
     *
     * @return the names of the settings whose files changed
     * @throws IOException when a file cannot be written; the transaction then holds what to restore
     */
    List<String> write(OsSettings settings, FileTransaction transaction) throws IOException {
        List<String> changed = new ArrayList<>();
        if (settings.timezone() != null) {
            Path zoneFile = root.resolve(ZONEINFO + settings.timezone());
            if (!Files.isRegularFile(zoneFile)) {
                throw new NoSuchFileException(zoneFile.toString(), null, "no zone file; is tzdata installed?");
            }
            boolean text = transaction.write(file("etc/timezone"), line(settings.timezone()));
            boolean link = transaction.link(file("etc/localtime"), Path.of("../" + ZONEINFO + settings.timezone()));
            addIf(changed, text || link, "timezone");
        }
        if (settings.hostname() != null) {
            addIf(changed, transaction.write(file("etc/hostname"), line(settings.hostname())), "hostname");
        }
        if (settings.ntpServers() != null) {
            Path conf = file("etc/systemd/timesyncd.conf");
            String updated = IniText.set(read(conf), "Time", "NTP", String.join(" ", settings.ntpServers()));
            addIf(changed, transaction.write(conf, updated.getBytes(StandardCharsets.UTF_8)), "ntpServers");
        }
        if (settings.logLevel() != null) {
            String dropIn = "# written by module-agent (component osconfig)\n[Journal]\nMaxLevelStore="
                    + settings.logLevel() + "\n";
            addIf(changed, transaction.write(file(JOURNALD_DROP_IN), dropIn.getBytes(StandardCharsets.UTF_8)),
                    "logLevel");
        }
        return changed;
    }

    /**
     * @return the values in effect, read back from the files; a setting with no file is {@code null}
     * @throws IOException when a file exists but cannot be read
     */
    OsSettings effective() throws IOException {
        String timezone = null;
        Path localtime = file("etc/localtime");
        if (Files.isSymbolicLink(localtime)) {
            String target = Files.readSymbolicLink(localtime).toString();
            int at = target.indexOf("zoneinfo/");
            timezone = at < 0 ? null : target.substring(at + "zoneinfo/".length());
        }
        if (timezone == null) {
            timezone = firstLine(file("etc/timezone"));
        }
        String ntp = IniText.get(read(file("etc/systemd/timesyncd.conf")), "Time", "NTP");
        List<String> servers = ntp == null || ntp.isBlank() ? null : Arrays.asList(ntp.split("\\s+"));
        String logLevel = IniText.get(read(file(JOURNALD_DROP_IN)), "Journal", "MaxLevelStore");
        return new OsSettings(timezone, servers, firstLine(file("etc/hostname")), logLevel);
    }

    static Map<String, Object> reported(OsSettings effective) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("timezone", effective.timezone());
        values.put("ntpServers", effective.ntpServers());
        values.put("hostname", effective.hostname());
        values.put("logLevel", effective.logLevel());
        return Map.of("effective", values);
    }

    private Path file(String relative) {
        return root.resolve(relative);
    }

    private static String read(Path file) throws IOException {
        return Files.isRegularFile(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    }

    private static String firstLine(Path file) throws IOException {
        String text = read(file).strip();
        return text.isEmpty() ? null : text.lines().findFirst().orElse(null);
    }

    private static byte[] line(String value) {
        return (value + "\n").getBytes(StandardCharsets.UTF_8);
    }

    private static void addIf(List<String> names, boolean condition, String name) {
        if (condition) {
            names.add(name);
        }
    }
}
