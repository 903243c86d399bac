package dev.moduleagent.runtime.internal;

import org.apache.felix.framework.Logger;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;
import org.slf4j.LoggerFactory;

/**
 * Sends Felix's own messages (resolution failures, errors thrown by bundle activators) to SLF4J instead of standard
 * output, so that they reach the log file. Given to Felix as the {@code felix.log.logger} framework property.
 */
public final class FrameworkLogBridge extends Logger {

    /** The framework property that takes an instance. */
    public static final String PROPERTY = "felix.log.logger";

    private static final org.slf4j.Logger LOG = LoggerFactory.getLogger("dev.moduleagent.runtime.framework");

    @Override
    protected void doLog(Bundle bundle, ServiceReference reference, int level, String message, Throwable error) {
        String source = bundle == null ? "" : bundle.getSymbolicName() + ": ";
        String text = source + message + (error == null ? "" : ": " + error);
        switch (level) {
            case LOG_ERROR:
                LOG.error(text);
                break;
            case LOG_WARNING:
                LOG.warn(text);
                break;
            case LOG_INFO:
                LOG.info(text);
                break;
            default:
                LOG.debug(text);
        }
    }
}
