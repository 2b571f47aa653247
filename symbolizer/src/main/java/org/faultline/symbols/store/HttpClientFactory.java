package org.faultline.symbols.store;

import java.net.http.HttpClient;

/**
 * Makes the {@link HttpClient} of an {@link HttpSymbolServer}, from a builder that already carries the connect
 * timeout, redirect policy and protocol version. Called at most once per server, and only when the first
 * request is about to be sent; tests count the calls to show that a lookup used no network.
 */
@FunctionalInterface
public interface HttpClientFactory {

    HttpClient create(HttpClient.Builder configured);

    /** Builds the client as configured. */
    static HttpClientFactory standard() {
        return HttpClient.Builder::build;
    }
}
