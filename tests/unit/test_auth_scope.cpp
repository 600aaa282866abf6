#include "auth/scope.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

using namespace oras::auth;

using Scopes = std::vector<std::string>;

TEST_CASE("auth::split_scopes")
{
    CHECK(split_scopes("repository:demo/wasm:pull,push") ==
          Scopes{"repository:demo/wasm:pull,push"});
    CHECK(split_scopes("repository:a:pull registry:catalog:*") ==
          Scopes{"repository:a:pull", "registry:catalog:*"});

    SUBCASE("runs of spaces and spaces at either end yield no empty scopes")
    {
        CHECK(split_scopes("  repository:a:pull    repository:b:push  ") ==
              Scopes{"repository:a:pull", "repository:b:push"});
    }

    SUBCASE("order and duplicates are kept")
    {
        CHECK(split_scopes("b a b") == Scopes{"b", "a", "b"});
    }

    SUBCASE("empty input")
    {
        CHECK(split_scopes("").empty());
        CHECK(split_scopes("   ").empty());
    }
}

TEST_CASE("auth::merge_scopes")
{
    SUBCASE("the header's example")
    {
        CHECK(merge_scopes({"repository:a:push", "repository:a:pull", "repository:b:pull"}) ==
              Scopes{"repository:a:pull,push", "repository:b:pull"});
    }

    SUBCASE("the result does not depend on the order of scopes or actions")
    {
        Scopes scopes = {"repository:b:pull",
                         "repository:a:push,pull",
                         "registry:catalog:*",
                         "repository:a:delete"};
        const Scopes expected = {
            "registry:catalog:*", "repository:a:delete,pull,push", "repository:b:pull"};
        std::sort(scopes.begin(), scopes.end());
        do {
            CHECK(merge_scopes(scopes) == expected);
        } while (std::next_permutation(scopes.begin(), scopes.end()));
    }

    SUBCASE("duplicate scopes and actions collapse")
    {
        CHECK(merge_scopes({"repository:a:pull,pull", "repository:a:pull"}) ==
              Scopes{"repository:a:pull"});
    }

    SUBCASE("'*' absorbs the other actions, wherever it comes from")
    {
        CHECK(merge_scopes({"repository:a:pull,*,push"}) == Scopes{"repository:a:*"});
        CHECK(merge_scopes({"repository:a:pull", "repository:a:*"}) == Scopes{"repository:a:*"});
        CHECK(merge_scopes({"repository:a:*", "repository:b:pull"}) ==
              Scopes{"repository:a:*", "repository:b:pull"});
    }

    SUBCASE("empty actions are dropped, and so are entries left with none")
    {
        CHECK(merge_scopes({"repository:a:,pull,,push,"}) == Scopes{"repository:a:pull,push"});
        CHECK(merge_scopes({"repository:a:"}).empty());
        CHECK(merge_scopes({"repository:a:,,"}).empty());
        CHECK(merge_scopes({"repository:a:", "repository:a:pull"}) == Scopes{"repository:a:pull"});
    }

    SUBCASE("entries are sorted by type, then name")
    {
        CHECK(merge_scopes({"repository:z:pull",
                            "registry:catalog:*",
                            "repository:a-b:pull",
                            "repository:a:pull"}) == Scopes{"registry:catalog:*",
                                                            "repository:a:pull",
                                                            "repository:a-b:pull",
                                                            "repository:z:pull"});
    }

    SUBCASE("the type ends at the first ':' and the actions start after the last")
    {
        CHECK(merge_scopes({"repository:host:5000/x:push", "repository:host:5000/x:pull"}) ==
              Scopes{"repository:host:5000/x:pull,push"});
        CHECK(merge_scopes({"repository:host:5000/x:pull", "repository:host:pull"}) ==
              Scopes{"repository:host:pull", "repository:host:5000/x:pull"});
    }

    SUBCASE("different types with the same name stay apart")
    {
        CHECK(merge_scopes({"repository:a:pull", "repository(plugin):a:push"}) ==
              Scopes{"repository:a:pull", "repository(plugin):a:push"});
    }

    SUBCASE("malformed scopes are kept verbatim once, after the merged entries")
    {
        CHECK(merge_scopes({"zzz", "repository:a:pull", "bogus:x", "zzz", "aaa"}) ==
              Scopes{"repository:a:pull", "aaa", "bogus:x", "zzz"});
        CHECK(merge_scopes({":a:pull"}) == Scopes{":a:pull"});
        CHECK(merge_scopes({"repository::pull"}) == Scopes{"repository::pull"});
        CHECK(merge_scopes({"repository:a:pull", ""}) == Scopes{"repository:a:pull"});
    }

    SUBCASE("empty input")
    {
        CHECK(merge_scopes({}).empty());
        CHECK(merge_scopes({""}).empty());
    }
}

TEST_CASE("auth::repository_scope")
{
    CHECK(repository_scope("demo/wasm", "pull,push") == "repository:demo/wasm:pull,push");
    CHECK(repository_scope("library/alpine", "pull") == "repository:library/alpine:pull");
    CHECK(merge_scopes({repository_scope("demo/wasm", "push,pull")}) ==
          Scopes{"repository:demo/wasm:pull,push"});
}

TEST_CASE("auth::scope_key")
{
    CHECK(scope_key({}).empty());
    CHECK(scope_key({"repository:a:pull"}) == "repository:a:pull");
    CHECK(scope_key({"registry:catalog:*", "repository:a:pull,push"}) ==
          "registry:catalog:* repository:a:pull,push");

    SUBCASE("merging first makes the key independent of order")
    {
        CHECK(scope_key(merge_scopes({"repository:b:pull", "repository:a:push,pull"})) ==
              scope_key(
                  merge_scopes({"repository:a:pull", "repository:b:pull", "repository:a:push"})));
    }

    SUBCASE("split_scopes undoes scope_key")
    {
        const Scopes scopes = {"registry:catalog:*", "repository:a:pull,push"};
        CHECK(split_scopes(scope_key(scopes)) == scopes);
    }
}
