package dev.moduleagent.localhub.internal.service;

import dev.moduleagent.localhub.internal.sas.Permission;
import dev.moduleagent.localhub.internal.sas.ResourceScope;
import io.netty.handler.codec.http.HttpMethod;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * What a service API request needs: the permissions (IoT Hub's: registry reads {@code RegistryRead}, registry writes
 * {@code RegistryWrite}, registry statistics {@code RegistryRead}, twins, methods, queries and telemetry
 * {@code ServiceConnect}) and the resource a token's
 * {@code sr} must cover. Per-identity routes ({@code /twins/{id}…} too) have the identity's resource
 * {@code devices/{id}[/modules/{mid}]}. A path not listed here (CAs, policies, unknown paths) needs every permission,
 * so that a new route is closed until it is classified.
 */
final class RouteAccess {

    /** @param resource the segments below the host that the token's scope must be a prefix of */
    record Requirement(Set<Permission> permissions, List<String> resource) {
    }

    private RouteAccess() {
    }

    static Requirement of(ServiceRequest request) {
        List<String> p = request.path();
        if (p.isEmpty()) {
            return everything(p);
        }
        switch (p.get(0)) {
            case "devices":
                return devices(request, p);
            case "twins":
                return p.size() < 2 ? everything(p) : need(Permission.SERVICE_CONNECT, identity(p));
            case "statistics":
                return need(Permission.REGISTRY_READ, p);
            default:
                return everything(p);
        }
    }

    private static Requirement devices(ServiceRequest request, List<String> p) {
        boolean read = request.method().equals(HttpMethod.GET);
        if (p.size() == 1) {
            return need(read ? Permission.REGISTRY_READ : Permission.REGISTRY_WRITE, p);
        }
        if (p.size() == 2 && p.get(1).equals("query") && request.method().equals(HttpMethod.POST)) {
            return need(Permission.SERVICE_CONNECT, List.of("devices"));
        }
        String last = p.get(p.size() - 1);
        if ((p.size() == 3 || p.size() == 5) && last.equals("events")) {
            return need(Permission.SERVICE_CONNECT, identity(p));
        }
        if (p.size() == 3 && last.equals("modules")) {
            return need(read ? Permission.REGISTRY_READ : Permission.REGISTRY_WRITE, identity(p));
        }
        if (p.size() == 2 || p.size() == 4 && p.get(2).equals("modules")) {
            return need(read ? Permission.REGISTRY_READ : Permission.REGISTRY_WRITE, identity(p));
        }
        return everything(p);
    }

    /** {@code devices/{id}} or {@code devices/{id}/modules/{mid}} from {@code /devices/…} or {@code /twins/…}. */
    private static List<String> identity(List<String> p) {
        boolean module = p.size() >= 4 && p.get(2).equals("modules");
        return ResourceScope.identity(p.get(1), module ? p.get(3) : null);
    }

    private static Requirement need(Permission permission, List<String> resource) {
        return new Requirement(EnumSet.of(permission), resource);
    }

    private static Requirement everything(List<String> path) {
        return new Requirement(Permission.all(), path);
    }
}
