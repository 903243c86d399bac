package dev.moduleagent.localhub.internal.client;

import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import dev.moduleagent.localhub.ServiceException;
import dev.moduleagent.localhub.internal.json.BoundedJson;
import dev.moduleagent.localhub.internal.json.JsonRejection;
import dev.moduleagent.localhub.internal.sas.SharedAccessSignature;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.time.Instant;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** HTTPS calls to the service API with a fresh owner SAS token, JSON in and out, errors as {@link ServiceException}. */
public final class ServiceTransport {

    private static final String API_VERSION = "api-version=2021-04-12";
    private static final Duration TOKEN_LIFETIME = Duration.ofHours(1);
    private static final int BASE_TIMEOUT_SECONDS = 30;
    private static final int MAX_RESPONSE_BYTES = 4 * 1024 * 1024;

    private final OwnerConnection owner;
    private final URI base;
    private final HttpClient http;

    public ServiceTransport(OwnerConnection owner, Path caFile, int port) {
        this.owner = owner;
        this.base = URI.create("https://" + hostForUri(owner.hostName()) + ":" + port);
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).sslContext(trusting(caFile))
            .connectTimeout(Duration.ofSeconds(10)).build();
    }

    /** The HostName of the connection string. */
    public String hostName() {
        return owner.hostName();
    }

    public JsonElement call(String method, String path, JsonElement body, String ifMatch) throws ServiceException {
        return send(method, path, body, ifMatch, "", 0);
    }

    public JsonElement call(String method, String path, JsonElement body, String ifMatch, int extraSeconds) throws ServiceException {
        return send(method, path, body, ifMatch, "", extraSeconds);
    }

    public JsonElement call(String method, String path, JsonElement body, String ifMatch, String query) throws ServiceException {
        return send(method, path, body, ifMatch, "&" + query, 0);
    }

    private JsonElement send(String method, String path, JsonElement body, String ifMatch, String query, int extraSeconds)
        throws ServiceException {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path + "?" + API_VERSION + query))
            .timeout(Duration.ofSeconds(BASE_TIMEOUT_SECONDS + extraSeconds))
            .header("Authorization", SharedAccessSignature.create(owner.hostName(), owner.keyName(), owner.key(),
                Instant.now().plus(TOKEN_LIFETIME)))
            .header("Accept", "application/json")
            .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body.toString()));
        if (body != null) {
            request.header("Content-Type", "application/json; charset=utf-8");
        }
        if (ifMatch != null) {
            request.header("If-Match", "\"" + ifMatch + "\"");
        }
        try {
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            return answer(method, path, response);
        } catch (IOException e) {
            throw new ServiceException("cannot reach the hub's service API at " + base + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServiceException("interrupted while calling " + method + " " + path, e);
        }
    }

    private static JsonElement answer(String method, String path, HttpResponse<byte[]> response) throws ServiceException {
        byte[] bytes = response.body();
        JsonElement json = JsonNull.INSTANCE;
        if (bytes.length > 0) {
            try {
                json = BoundedJson.parse(bytes, MAX_RESPONSE_BYTES);
            } catch (JsonRejection e) {
                throw new ServiceException(response.statusCode(), null, method + " " + path + " answered " + response.statusCode()
                    + " with a body that is not JSON");
            }
        }
        if (response.statusCode() / 100 == 2) {
            return json;
        }
        String code = response.headers().firstValue("iothub-errorcode").orElse(null);
        String message = errorMessage(json);
        if (message == null) {
            message = method + " " + path + " failed with status " + response.statusCode();
        }
        throw new ServiceException(response.statusCode(), code, message);
    }

    /** The text of IoT Hub's error body {@code {"Message":"{\"errorCode\":…,\"message\":…}",…}}, or null. */
    private static String errorMessage(JsonElement json) {
        if (!json.isJsonObject() || !json.getAsJsonObject().has("Message")) {
            return null;
        }
        String outer = json.getAsJsonObject().get("Message").getAsString();
        try {
            JsonElement inner = BoundedJson.parse(outer.getBytes(java.nio.charset.StandardCharsets.UTF_8), MAX_RESPONSE_BYTES);
            if (inner.isJsonObject() && inner.getAsJsonObject().has("message")) {
                return inner.getAsJsonObject().get("message").getAsString();
            }
        } catch (JsonRejection e) {
            return outer;
        }
        return outer;
    }

    private static SSLContext trusting(Path caFile) {
        try (InputStream in = Files.newInputStream(caFile)) {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int index = 0;
            for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                store.setCertificateEntry("hub-ca-" + index++, certificate);
            }
            if (index == 0) {
                throw new IllegalArgumentException("no certificate in " + caFile);
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot read the hub CA file " + caFile + ": " + e.getMessage(), e);
        }
    }

    private static String hostForUri(String host) {
        return host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
    }
}
