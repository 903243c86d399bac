package dev.moduleagent.localhub.internal.service;

import dev.moduleagent.localhub.internal.HubCore;
import dev.moduleagent.localhub.internal.Refusal;
import dev.moduleagent.localhub.internal.identity.IdentityKey;
import dev.moduleagent.localhub.internal.sas.AccessPolicies;
import dev.moduleagent.localhub.internal.store.StoreException;
import io.netty.handler.codec.http.HttpMethod;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Maps the IoT Hub–shaped paths to the resources; 404 for unknown paths, 405 for a wrong method. */
final class ServiceRoutes {

    private final IdentityResource identities;
    private final TwinResource twins;
    private final MethodResource methods;
    private final CertificateResource certificates;
    private final EventResource events;
    private final PolicyResource policies;
    private final QueryResource queries;
    private final StatisticsResource statistics;

    ServiceRoutes(HubCore core, AccessPolicies policies) {
        this.identities = new IdentityResource(core);
        this.twins = new TwinResource(core);
        this.methods = new MethodResource(core);
        this.certificates = new CertificateResource(core);
        this.events = new EventResource(core);
        this.policies = new PolicyResource(policies);
        this.queries = new QueryResource(core);
        this.statistics = new StatisticsResource(core);
    }

    CompletableFuture<ServiceReply> route(ServiceRequest request) throws Refusal, StoreException {
        List<String> path = request.path();
        if (path.isEmpty()) {
            throw notFound(request);
        }
        switch (path.get(0)) {
            case "devices":
                return CompletableFuture.completedFuture(devices(request));
            case "twins":
                return twinsRoute(request);
            case "certificates":
                return CompletableFuture.completedFuture(certificates(request));
            case "policies":
                return CompletableFuture.completedFuture(policies(request));
            case "statistics":
                return CompletableFuture.completedFuture(statistics(request));
            default:
                throw notFound(request);
        }
    }

    private ServiceReply devices(ServiceRequest r) throws Refusal, StoreException {
        List<String> p = r.path();
        HttpMethod m = r.method();
        if (p.size() == 1 && m.equals(HttpMethod.GET)) {
            return identities.listDevices();
        }
        if (p.size() == 2 && p.get(1).equals("query") && m.equals(HttpMethod.POST)) {
            return queries.query(r);
        }
        if (p.size() == 2) {
            return identity(r, IdentityKey.device(p.get(1)));
        }
        if (p.size() == 3 && p.get(2).equals("modules")) {
            requireMethod(r, HttpMethod.GET);
            return identities.listModules(p.get(1));
        }
        if (p.size() == 3 && p.get(2).equals("events")) {
            requireMethod(r, HttpMethod.GET);
            return events.list(r, IdentityKey.device(p.get(1)));
        }
        if (p.size() == 4 && p.get(2).equals("modules")) {
            return identity(r, IdentityKey.module(p.get(1), p.get(3)));
        }
        if (p.size() == 5 && p.get(2).equals("modules") && p.get(4).equals("events")) {
            requireMethod(r, HttpMethod.GET);
            return events.list(r, IdentityKey.module(p.get(1), p.get(3)));
        }
        throw notFound(r);
    }

    private ServiceReply identity(ServiceRequest r, IdentityKey key) throws Refusal, StoreException {
        if (r.method().equals(HttpMethod.PUT)) {
            return identities.put(r, key);
        }
        if (r.method().equals(HttpMethod.GET)) {
            return identities.get(key);
        }
        requireMethod(r, HttpMethod.DELETE);
        return identities.delete(key, r.ifMatch());
    }

    private CompletableFuture<ServiceReply> twinsRoute(ServiceRequest r) throws Refusal, StoreException {
        List<String> p = r.path();
        boolean module = p.size() >= 4 && p.get(2).equals("modules");
        IdentityKey key = p.size() < 2 ? null : module ? IdentityKey.module(p.get(1), p.get(3)) : IdentityKey.device(p.get(1));
        int rest = module ? 4 : 2;
        if (key != null && p.size() == rest + 1 && p.get(rest).equals("methods")) {
            requireMethod(r, HttpMethod.POST);
            return methods.invoke(r, key);
        }
        if (key == null || p.size() != rest) {
            throw notFound(r);
        }
        if (r.method().equals(HttpMethod.GET)) {
            return CompletableFuture.completedFuture(twins.get(key));
        }
        if (r.method().equals(HttpMethod.PATCH)) {
            return CompletableFuture.completedFuture(twins.update(r, key, false));
        }
        requireMethod(r, HttpMethod.PUT);
        return CompletableFuture.completedFuture(twins.update(r, key, true));
    }

    private ServiceReply certificates(ServiceRequest r) throws Refusal, StoreException {
        List<String> p = r.path();
        if (p.size() == 1) {
            requireMethod(r, HttpMethod.GET);
            return certificates.list();
        }
        String name = p.get(1);
        if (p.size() == 2) {
            if (r.method().equals(HttpMethod.PUT)) {
                return certificates.put(r, name);
            }
            if (r.method().equals(HttpMethod.GET)) {
                return certificates.get(name);
            }
            requireMethod(r, HttpMethod.DELETE);
            return certificates.delete(name);
        }
        if (p.size() == 3 && p.get(2).equals("generateVerificationCode")) {
            requireMethod(r, HttpMethod.POST);
            return certificates.generateVerificationCode(r, name);
        }
        if (p.size() == 3 && p.get(2).equals("verify")) {
            requireMethod(r, HttpMethod.POST);
            return certificates.verify(r, name);
        }
        throw notFound(r);
    }

    private ServiceReply policies(ServiceRequest r) throws Refusal {
        requireMethod(r, HttpMethod.GET);
        if (r.path().size() == 1) {
            return policies.list();
        }
        if (r.path().size() == 2) {
            return policies.get(r.path().get(1));
        }
        throw notFound(r);
    }

    private ServiceReply statistics(ServiceRequest r) throws Refusal {
        List<String> p = r.path();
        if (p.size() == 2 && p.get(1).equals("devices")) {
            requireMethod(r, HttpMethod.GET);
            return statistics.devices();
        }
        if (p.size() == 2 && p.get(1).equals("service")) {
            requireMethod(r, HttpMethod.GET);
            return statistics.service();
        }
        throw notFound(r);
    }

    private static void requireMethod(ServiceRequest r, HttpMethod expected) throws Refusal {
        if (!r.method().equals(expected)) {
            throw new Refusal(405, "MethodNotAllowed", r.method() + " is not allowed on /" + String.join("/", r.path()));
        }
    }

    private static Refusal notFound(ServiceRequest r) {
        return Refusal.notFound("NotFound", "no such resource: /" + String.join("/", r.path()));
    }
}
