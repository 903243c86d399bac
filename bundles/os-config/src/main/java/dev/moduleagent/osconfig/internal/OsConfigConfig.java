package dev.moduleagent.osconfig.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** The OS configurator's configuration (PID {@code dev.moduleagent.osconfig}). */
@ObjectClassDefinition(name = "module-agent OS configurator",
        description = "Writes timezone, NTP servers, host name and log level into the OS's standard files.")
public @interface OsConfigConfig {

    @AttributeDefinition(description = "Root folder of the OS files: / on a device, another folder to try it out.")
    String root() default "/";
}
