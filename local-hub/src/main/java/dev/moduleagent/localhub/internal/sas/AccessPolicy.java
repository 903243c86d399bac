package dev.moduleagent.localhub.internal.sas;

import java.util.Set;
import java.util.stream.Collectors;

/**
 * A shared access policy: its name ({@code skn} in tokens), its key (base64, a secret: never log it) and its rights.
 */
public record AccessPolicy(String name, String key, Set<Permission> rights) {

    public AccessPolicy {
        rights = Set.copyOf(rights);
    }

    /** {@code HostName=…;SharedAccessKeyName=…;SharedAccessKey=…}: a secret. */
    public String connectionString(String hostName) {
        return "HostName=" + hostName + ";SharedAccessKeyName=" + name + ";SharedAccessKey=" + key;
    }

    /** The rights as IoT Hub lists them, e.g. {@code RegistryRead, RegistryWrite}. */
    public String rightsText() {
        return rights.stream().sorted().map(Permission::wireName).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return "AccessPolicy[name=" + name + ", rights=" + rightsText() + "]";
    }
}
