package dev.moduleagent.osconfig.internal;

import dev.moduleagent.api.ApplyContext;
import dev.moduleagent.api.ComponentHandler;
import dev.moduleagent.api.DesiredSection;
import dev.moduleagent.api.Outcome;
import dev.moduleagent.api.Validation;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code osconfig} component's handler: validates the settings, writes them all in one transaction (a failed
 * write restores the files already changed), and reports the values read back from the files as {@code effective}.
 */
public final class OsConfigHandler implements ComponentHandler {

    private static final Logger LOG = LoggerFactory.getLogger(OsConfigHandler.class);
    private final SystemFiles files;

    /** @param root the root folder of the OS files, {@code /} on a device */
    public OsConfigHandler(Path root) {
        this.files = new SystemFiles(root);
    }

    /**
     * @return the values in effect now, as reported properties
     * @throws IOException when a file cannot be read
     */
    public Map<String, Object> effective() throws IOException {
        return SystemFiles.reported(files.effective());
    }

    @Override
    public Validation validate(DesiredSection section) {
        try {
            OsSettings.parse(section.properties());
            return Validation.accept();
        } catch (IllegalArgumentException e) {
            return Validation.reject(e.getMessage());
        }
    }

    @Override
    public Outcome apply(DesiredSection section, ApplyContext context) throws IOException {
        OsSettings desired = OsSettings.parse(section.properties());
        FileTransaction transaction = new FileTransaction();
        List<String> changed;
        try {
            changed = files.write(desired, transaction);
        } catch (IOException e) {
            String restored = restore(transaction);
            context.report(effective());
            LOG.warn("osconfig not applied reason=\"{}{}\"", e, restored);
            return Outcome.failed("cannot write the OS files (" + e.getClass().getSimpleName() + ": " + e.getMessage()
                    + ")" + restored);
        }
        OsSettings effective = files.effective();
        context.report(SystemFiles.reported(effective));
        List<String> missing = notInEffect(desired, effective);
        if (!missing.isEmpty()) {
            return Outcome.failed("written but not in effect: " + String.join(", ", missing));
        }
        if (!changed.isEmpty()) {
            LOG.info("osconfig applied changed=\"{}\"", changed);
        }
        return Outcome.done(changed.isEmpty() ? "already in effect" : "applied " + String.join(", ", changed));
    }

    private static String restore(FileTransaction transaction) {
        try {
            transaction.rollback();
            return "; previous values restored";
        } catch (IOException e) {
            return "; restoring previous values failed too: " + e.getMessage();
        }
    }

    private static List<String> notInEffect(OsSettings desired, OsSettings effective) {
        List<String> missing = new ArrayList<>();
        check(missing, "timezone", desired.timezone(), effective.timezone());
        check(missing, "ntpServers", desired.ntpServers(), effective.ntpServers());
        check(missing, "hostname", desired.hostname(), effective.hostname());
        check(missing, "logLevel", desired.logLevel(), effective.logLevel());
        return missing;
    }

    private static void check(List<String> missing, String name, Object desired, Object effective) {
        if (desired != null && !Objects.equals(desired, effective)) {
            missing.add(name + " (" + effective + " instead of " + desired + ")");
        }
    }
}
