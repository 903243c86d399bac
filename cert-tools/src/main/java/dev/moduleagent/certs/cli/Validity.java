package dev.moduleagent.certs.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** Checks of validity periods given on the command line. */
final class Validity {

    private static final int MAX_DAYS = 100 * 366;

    private Validity() {
    }

    /** Rejects zero, negative and absurdly long validity periods as a usage error. */
    static void requirePositive(CommandSpec spec, int days) {
        if (days <= 0 || days > MAX_DAYS) {
            throw new ParameterException(spec.commandLine(), "--days must be between 1 and " + MAX_DAYS + ", not " + days);
        }
    }
}
