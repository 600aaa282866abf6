// Redirect following as a decorator around an http::Client, one hop at a time, so that every
// hop is judged on its own (GHSA-qvqc-4c52-x6qp, go-containerregistry #2349): the inner client
// gives the client certificate and custom headers to the registry's origin only and checks the
// address each hop connects to; this layer limits the hops, refuses https -> http, and drops
// the Authorization header once a hop leaves the request's origin.
#pragma once

#include "http/http_client.hpp"

#include <memory>

namespace oras::http {

// The most redirects one request follows.
inline constexpr int k_max_redirects = 10;

// Wraps `inner`. A GET or HEAD request with FollowRedirects::yes that gets a 301, 302, 303,
// 307 or 308 with a Location is sent again to that location (a relative one resolved against
// the hop's URL), and Response::effective_url is the URL of the last hop. Fails with forbidden
// for a redirect from https to http, and with http after k_max_redirects hops or for a Location
// that is no http(s) URL. Other requests pass through unchanged.
std::unique_ptr<Client> make_redirecting_client(std::unique_ptr<Client> inner);

} // namespace oras::http
