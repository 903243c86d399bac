package dev.moduleagent.osconfig.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** The OS configurator's configuration (PID {@code dev.moduleagent.osconfig}). */
@ObjectClassDefinition(name = "module-agent OS configurator",
        description = "Writes timezone, NTP servers, host name and log level into the OS's standard files.")
public @interface OsConfigConfig {

    /** The default root: a folder of the agent's data (relative to the working folder), never the system's files. */
    String DEFAULT_ROOT = "data/os-config";

    @AttributeDefinition(description = "Root folder of the OS files. Default: data/os-config below the agent's working "
            + "folder, so that a plug-in installed without configuration changes no system file; set / (explicitly) "
            + "to configure the gateway itself.")
    String root() default DEFAULT_ROOT;
}
