package dev.moduleagent.sysinfo.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** The inventory's configuration (PID {@code dev.moduleagent.sysinfo}); the twin may override the interval. */
@ObjectClassDefinition(name = "module-agent system inventory",
        description = "Reports OS, kernel, CPU, memory, disk, uptime, JVM and agent versions.")
public @interface SysinfoConfig {

    @AttributeDefinition(description = "The agent's data folder: its disk's free space is reported, and the"
            + " interval set through the twin is kept there.")
    String dataFolder() default "data";

    @AttributeDefinition(description = "Seconds between two reports, until the twin sets intervalSeconds.")
    long intervalSeconds() default 300;

    @AttributeDefinition(description = "The proc file system.")
    String procFolder() default "/proc";

    @AttributeDefinition(description = "The os-release file.")
    String osReleaseFile() default "/etc/os-release";
}
