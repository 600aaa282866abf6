# fish completion for coras
#
# Keep in step with cli/*.cpp and cli/options/*.cpp (tests/integration/test_docs_in_step.sh
# checks that every long flag of `coras <command> --help` is listed here).
# Installed as fish/vendor_completions.d/coras.fish; to try it: source completions/coras.fish

# FILE[:MEDIATYPE]: once the current word has a colon, offer FILE:TYPE for each TYPE given.
function __coras_media_types
    set -l token (string replace -r -- '^--[^=]*=' '' (commandline -ct))
    string match -q -- '*:*' $token; or return
    set -l file (string replace -r -- ':[^:]*$' '' $token)
    for type in $argv
        printf '%s:%s\n' $file $type
    end
end

# The directories and *.wasm files that the current word can complete to.
function __coras_wasm_files
    set -l files (complete -C "__fish_command_without_completions "(commandline -ct))
    string replace -r -- '\t.*' '' $files | string match -r -- '^.*(?:\.wasm|/)$'
end

# True when the command line has no positional (REF) after the subcommand yet.
function __coras_no_positional
    set -l tokens (commandline -opc)
    set -l value_opts --config --manifest-config --artifact-type -a --annotation --annotation-file \
        --export-manifest --wasm-format --root-id --format --template --distribution-spec --depth -o --output --input --ca-file --cert-file \
        --key-file -u --username -p --password --identity-token --registry-config --platform \
        --concurrency --name --namespace --selector --target-ref --plugin-config --plugin-name \
        --phase --priority --type --pull-secret --pull-policy --workload --workload-kind --dir \
        --context --last --size --media-type -H --header --resolve --retries --retry-max-wait \
        --stall-timeout --timeout --max-module-size --chunk-size --from --stdin-name
    set -l skip_next 0
    set -l positionals 0
    # The positionals start after the subcommand: after a group's subcommand too (manifest
    # fetch, render wasmplugin), and after manifest index's.
    set -l first 3
    if contains -- "$tokens[2]" repo manifest blob render
        set first 4
        test "$tokens[2] $tokens[3]" = 'manifest index'; and set first 5
    end
    for token in $tokens[$first..-1]
        if test $skip_next = 1
            set skip_next 0
        else if contains -- $token $value_opts
            set skip_next 1
        else if not string match -q -- '-*' $token
            set positionals (math $positionals + 1)
        end
    end
    test $positionals = 0
end

# The command typed so far: its first word that is not an option, and for a group (repo,
# manifest, blob, render) the next one too, as one item ("manifest fetch"); for the group within
# a group, manifest index, the one after that too ("manifest index create").
function __coras_command
    set -l tokens (commandline -opc)
    set -l words
    for token in $tokens[2..-1]
        string match -q -- '-*' $token; and continue
        set -a words $token
        if contains -- $words[1] repo manifest blob render; and test (count $words) -lt 2
            continue
        end
        if test "$words[1] $words[2]" = 'manifest index'; and test (count $words) -lt 3
            continue
        end
        break
    end
    string join ' ' $words
end

# True when the command typed so far is one of the arguments ("push", "manifest fetch").
function __coras_command_is
    contains -- (__coras_command) $argv
end

# True when the command line has --oci-layout and no REF yet (REF is then a directory).
function __coras_needs_layout_dir
    contains -- --oci-layout (commandline -opc); and __coras_no_positional
end

# REGISTRY/REPOSITORY:TAG for a reference (the first positional; either of copy's two) once
# REGISTRY/REPOSITORY: is typed: the tags `coras repo tags` lists (referrer tags left out), asked
# with the connection options of the line and given up after 3 seconds.
function __coras_tags
    set -l token (commandline -ct)
    set -l match (string match -r -- '^([^@:/]+(?::[0-9]+)?/[^@:]+):[^@:/,]*$' $token); or return
    set -l tokens (commandline -opc)
    if contains -- (__coras_command) copy cp
        contains -- --from-oci-layout $tokens; and return
    else
        contains -- --oci-layout $tokens; and return
        __coras_no_positional; or return
    end
    # copy: the source's --from-NAME options (the destination's --to-NAME), passed on as --NAME.
    set -l side
    if contains -- (__coras_command) copy cp
        set side from-
        __coras_no_positional; or set side to-
    end
    set -l connection
    for i in (seq 2 (count $tokens))
        set -l word $tokens[$i]
        if test -n "$side"
            string match -q -- "--$side*" $word; or continue
            set word (string replace -- "--$side" -- $word)
        end
        switch $word
            case --plain-http '--plain-http=*' --insecure '--ca-file=*' '--registry-config=*'
                set -a connection $word
            case --ca-file --registry-config
                set -a connection $word $tokens[(math $i + 1)]
        end
    end
    for tag in (timeout 3 $tokens[1] repo tags --exclude-digest-tags $connection -- $match[2] 2>/dev/null </dev/null)
        printf '%s:%s\n' $match[2] $tag
    end
end

set -l commands push pull copy cp backup restore inspect attach discover sync login logout version tag resolve repo manifest blob render
set -l layer_types application/vnd.module.wasm.content.layer.v1+wasm application/wasm \
    application/vnd.wasm.content.layer.v1+wasm application/vnd.oci.image.layer.v1.tar \
    application/vnd.oci.image.layer.v1.tar+gzip
set -l config_types application/vnd.module.wasm.config.v1+json application/vnd.wasm.config.v0+json \
    application/vnd.wasm.config.v1+json application/vnd.unknown.config.v1+json

# No file completion unless asked for below.
complete -c coras -f

# Commands
complete -c coras -n "not __fish_seen_subcommand_from $commands" -a push -d 'Push files to a registry or an OCI layout as one artifact'
complete -c coras -n "not __fish_seen_subcommand_from $commands" -a pull -d "Pull an artifact's files from a registry or an OCI layout"
complete -c coras -n "not __fish_seen_subcommand_from $commands" -a copy -d 'Copy an artifact and everything it references between registries or OCI layouts'
complete -c coras -n "not __fish_seen_subcommand_from $commands" -a inspect -d 'Show a manifest and the Wasm module it holds, or a local module'
complete -c coras -n "not __fish_seen_subcommand_from $commands" -a attach -d 'Attach files to an existing artifact as a referrer (its subject)'
complete -c coras -n "not __fish_seen_subcommand_from $commands" -a backup -d 'Back up tags of a repository into an OCI image layout directory or tar'
complete -c coras -n "not __fish_seen_subcommand_from $commands" -a restore -d 'Restore tags from an OCI image layout directory or tar into a repository'
complete -c coras -n "not __fish_seen_subcommand_from $commands" -a discover -d 'List the artifacts that refer to an artifact, as a tree'
complete -c coras -n "not __fish_seen_subcommand_from $commands" -a sync -d 'Keep a directory of Wasm modules in step with a list of references'
complete -c coras -n "not __fish_seen_subcommand_from $commands" -a login -d 'Log in to a registry and store the credentials'
complete -c coras -n "not __fish_seen_subcommand_from $commands" -a logout -d 'Remove the stored credentials of a registry'
complete -c coras -n "not __fish_seen_subcommand_from $commands" -a version -d 'Show the version of coras and its libraries'
complete -c coras -n "not __fish_seen_subcommand_from $commands" -a tag -d 'Tag a manifest of a registry or OCI layout'
complete -c coras -n "not __fish_seen_subcommand_from $commands" -a resolve -d 'Print the digest a tag or digest resolves to'
complete -c coras -n "not __fish_seen_subcommand_from $commands" -a repo -d 'List the repositories of a registry or the tags of a repository'
complete -c coras -n "not __fish_seen_subcommand_from $commands" -a manifest -d 'Fetch, push and delete manifests'
complete -c coras -n "not __fish_seen_subcommand_from $commands" -a blob -d 'Fetch, push and delete blobs by digest'
complete -c coras -n "not __fish_seen_subcommand_from $commands" -a render -d 'Print the mesh resources that load a filter'

# Subcommands of the command groups
complete -c coras -n "__coras_command_is repo" -a ls -d 'List the repositories of a registry'
complete -c coras -n "__coras_command_is repo" -a tags -d 'List the tags of a repository'
complete -c coras -n "__coras_command_is manifest" -a delete -d 'Delete a manifest and every tag that points at it'
complete -c coras -n "__coras_command_is blob" -a delete -d 'Delete a blob'
complete -c coras -s h -l help -d 'Print a help message and exit'
complete -c coras -n "not __fish_seen_subcommand_from $commands" -l version -d 'Print the version and exit'

# Group subcommands
complete -c coras -n "__coras_command_is manifest" -a fetch -d "Fetch a manifest's bytes as the registry serves them"
complete -c coras -n "__coras_command_is manifest" -a get -d 'Fetch a manifest (alias of fetch)'
complete -c coras -n "__coras_command_is manifest" -a show -d 'Fetch a manifest (alias of fetch)'
complete -c coras -n "__coras_command_is manifest" -a fetch-config -d 'Fetch the config blob of an image manifest'
complete -c coras -n "__coras_command_is manifest" -a get-config -d 'Fetch the config blob (alias of fetch-config)'
complete -c coras -n "__coras_command_is manifest" -a push -d 'Push a manifest from a file or stdin'
complete -c coras -n "__coras_command_is blob" -a fetch -d 'Fetch a blob by digest, verified'
complete -c coras -n "__coras_command_is blob" -a get -d 'Fetch a blob by digest (alias of fetch)'
complete -c coras -n "__coras_command_is blob" -a push -d 'Push a blob from a file or stdin'
complete -c coras -n "__coras_command_is manifest" -a index -d 'Create and update image indexes'
complete -c coras -n "__coras_command_is 'manifest index'" -a create -d 'Create an image index of manifests of the same repository and push it'
complete -c coras -n "__coras_command_is 'manifest index'" -a pack -d 'Create an image index (alias of create)'
complete -c coras -n "__coras_command_is 'manifest index'" -a update -d 'Add, merge and remove entries of an index'

# Credential flags: push, pull, inspect, login (logout: --registry-config only)
set -l remote "__coras_command_is push pull backup restore inspect attach discover sync login tag resolve 'render wasmplugin' 'render trafficextension' 'render envoyextensionpolicy' 'render envoyfilter' 'render asmfilterdeployment' 'manifest fetch' 'manifest get' 'manifest show' 'manifest fetch-config' 'manifest get-config' 'manifest push' 'blob fetch' 'blob get' 'blob push' 'repo ls' 'repo list' 'repo tags' 'repo show-tags' 'manifest delete' 'manifest rm' 'manifest remove' 'blob delete' 'blob rm' 'blob remove' 'manifest index create' 'manifest index pack' 'manifest index update'"
complete -c coras -n $remote -s u -l username -x -d 'Registry username'
complete -c coras -n $remote -s p -l password -x -d 'Registry password or token (visible to other users: prefer --password-stdin)'
complete -c coras -n $remote -l password-stdin -d 'Read the password or token from standard input'
complete -c coras -n $remote -l identity-token -x -d 'Registry identity token (an OAuth2 refresh token)'
complete -c coras -n $remote -l identity-token-stdin -d 'Read the identity token from standard input'
complete -c coras -n "__coras_command_is push pull backup restore inspect attach discover sync login logout tag resolve 'render wasmplugin' 'render trafficextension' 'render envoyextensionpolicy' 'render envoyfilter' 'render asmfilterdeployment' 'manifest fetch' 'manifest get' 'manifest show' 'manifest fetch-config' 'manifest get-config' 'manifest push' 'blob fetch' 'blob get' 'blob push' 'repo ls' 'repo list' 'repo tags' 'repo show-tags' 'manifest delete' 'manifest rm' 'manifest remove' 'blob delete' 'blob rm' 'blob remove' 'manifest index create' 'manifest index pack' 'manifest index update'" -l registry-config -r -F -d 'Credentials file (docker config.json format; the first is written, the rest are read in order)'

# Remote flags: push, pull, inspect, login
complete -c coras -n $remote -l plain-http -d 'Use plain HTTP instead of HTTPS (implied for localhost; --plain-http=false to refuse)'
complete -c coras -n $remote -l insecure -d 'Allow connections to registries with TLS certificates that fail verification'
complete -c coras -n $remote -l ca-file -r -F -d 'Trust the CA certificates in this PEM file too'
complete -c coras -n $remote -l cert-file -r -F -d 'Client certificate (PEM) for mutual TLS'
complete -c coras -n $remote -l key-file -r -F -d 'Client private key (PEM) for mutual TLS'
complete -c coras -n $remote -s H -l header -x -d 'Add a header to requests to the registry only (repeatable)'
complete -c coras -n $remote -l resolve -x -d 'Connect to host:port at address[:address_port] (repeatable)'
complete -c coras -n $remote -s d -l debug -d 'Print each HTTP request and its status on stderr'
complete -c coras -n $remote -l retries -x -d 'Retries after a connection failure, a timeout or a 408, 429 or 5xx answer'
complete -c coras -n $remote -l retry-max-wait -x -d 'Longest wait in seconds before a retry, Retry-After included'
complete -c coras -n $remote -l stall-timeout -x -d 'Seconds without a byte moving before a request fails and is retried'
complete -c coras -n $remote -l timeout -x -d 'Seconds the whole command may take talking to the registry'

# Target flags
set -l target "__coras_command_is push pull inspect attach discover tag resolve 'manifest fetch' 'manifest get' 'manifest show' 'manifest fetch-config' 'manifest get-config' 'manifest push' 'blob fetch' 'blob get' 'blob push' 'repo tags' 'repo show-tags' 'manifest delete' 'manifest rm' 'manifest remove' 'blob delete' 'blob rm' 'blob remove' 'manifest index create' 'manifest index pack' 'manifest index update'"
complete -c coras -n $target -l oci-layout -d 'REF is an OCI image layout directory: DIR[:TAG|@DIGEST]'
complete -c coras -n "__coras_command_is push pull backup restore inspect attach discover sync 'manifest fetch' 'manifest get' 'manifest show' 'manifest push' 'blob push' 'repo ls' 'repo list' 'repo tags' 'repo show-tags' 'manifest index create' 'manifest index pack' 'manifest index update'" -l format -x -a 'text json go-template=' -d 'Output format: text, json or go-template=TEMPLATE'
complete -c coras -n "__coras_command_is push pull backup restore inspect attach discover sync 'manifest fetch' 'manifest get' 'manifest show' 'manifest push' 'blob push' 'repo ls' 'repo list' 'repo tags' 'repo show-tags' 'manifest index create' 'manifest index pack' 'manifest index update'" -l template -x -d 'The Go template for --format go-template'
complete -c coras -n "$target; and __coras_needs_layout_dir" -x -a '(__fish_complete_directories)'

complete -c coras -n "__coras_command_is push pull copy cp backup restore inspect attach discover tag resolve 'render wasmplugin' 'render trafficextension' 'render envoyextensionpolicy' 'render envoyfilter' 'render asmfilterdeployment' 'manifest fetch' 'manifest get' 'manifest show' 'manifest fetch-config' 'manifest get-config' 'manifest push' 'repo tags' 'repo show-tags' 'manifest delete' 'manifest rm' 'manifest remove'" -a '(__coras_tags)'

# push
set -l push "__coras_command_is push"
complete -c coras -n $push -l config -l manifest-config -r -F -a "(__coras_media_types $config_types)" -d 'Config file, as FILE[:MEDIATYPE]'
complete -c coras -n $push -l artifact-type -x -d 'Artifact type of the manifest'
complete -c coras -n $push -s a -l annotation -x -d 'Manifest annotation key=value (repeatable)'
complete -c coras -n $push -l annotation-file -r -F -d 'JSON file of annotations ($manifest, $config, FILE keys)'
complete -c coras -n $push -l export-manifest -r -F -d 'Also write the pushed manifest to this file'
complete -c coras -n $push -l disable-path-validation -d 'Allow absolute file paths'
complete -c coras -n $push -l wasm-format -x -a 'solo\t"two layers; Istio, ASM, wasme (default)" compat\t"OCI image with plugin.wasm; Istio" cncf\t"CNCF TAG Runtime layout" wasm-to-oci\t"wasm-to-oci layout"' -d 'How a Wasm module given without a media type is packed'
complete -c coras -n $push -l root-id -x -d 'Root context id for the generated runtime-config.json (repeatable)'
complete -c coras -n $push -l no-verify -d 'Push a Wasm module without the proxy-wasm (Envoy) checks'
complete -c coras -n $push -l concurrency -x -d 'Blobs checked and uploaded at once (default 5)'
complete -c coras -n $push -l chunk-size -x -d 'Upload blobs larger than SIZE in chunks of SIZE'
complete -c coras -n $push -l no-tty -d 'Print one plain line per finished blob, even on a terminal'
complete -c coras -n $push -l from -x -d 'Repository of the same registry to mount blobs from'
complete -c coras -n $push -l stdin-name -x -d 'Title of the layer read from stdin (-); without it the layer is untitled'
complete -c coras -n "$push; and not __coras_needs_layout_dir" -F -a "(__coras_media_types $layer_types)"

# pull
set -l pull "__coras_command_is pull"
complete -c coras -n $pull -s o -l output -x -a '(__fish_complete_directories)' -d 'Directory to write the files in'
complete -c coras -n $pull -s k -l keep-old-files -d 'Fail instead of overwriting existing files'
complete -c coras -n $pull -l concurrency -x -d 'Layers downloaded at once (default 3)'
complete -c coras -n $pull -l no-tty -d 'Print one plain line per finished layer, even on a terminal'
complete -c coras -n $pull -s T -l allow-path-traversal -d 'Allow titles that point outside the output directory'

# copy (alias cp): each side's remote flags as --from-NAME and --to-NAME
set -l copy "__fish_seen_subcommand_from copy cp"
complete -c coras -n $copy -l from-username -x -d 'Source registry username'
complete -c coras -n $copy -l from-password -x -d 'Source registry password or token'
complete -c coras -n $copy -l from-password-stdin -d 'Read the source password or token from standard input'
complete -c coras -n $copy -l from-identity-token -x -d 'Source registry identity token'
complete -c coras -n $copy -l from-identity-token-stdin -d 'Read the source identity token from standard input'
complete -c coras -n $copy -l from-registry-config -r -F -d 'Source credentials file (docker config.json format)'
complete -c coras -n $copy -l from-plain-http -d 'Source: use plain HTTP instead of HTTPS'
complete -c coras -n $copy -l from-insecure -d 'Source: allow TLS certificates that fail verification'
complete -c coras -n $copy -l from-ca-file -r -F -d 'Source: trust the CA certificates in this PEM file too'
complete -c coras -n $copy -l from-cert-file -r -F -d 'Source: client certificate (PEM) for mutual TLS'
complete -c coras -n $copy -l from-key-file -r -F -d 'Source: client private key (PEM) for mutual TLS'
complete -c coras -n $copy -l from-header -x -d 'Source: add a header to requests to the registry only'
complete -c coras -n $copy -l from-resolve -x -d 'Source: connect to host:port at address[:address_port]'
complete -c coras -n $copy -l to-username -x -d 'Destination registry username'
complete -c coras -n $copy -l to-password -x -d 'Destination registry password or token'
complete -c coras -n $copy -l to-password-stdin -d 'Read the destination password or token from standard input'
complete -c coras -n $copy -l to-identity-token -x -d 'Destination registry identity token'
complete -c coras -n $copy -l to-identity-token-stdin -d 'Read the destination identity token from standard input'
complete -c coras -n $copy -l to-registry-config -r -F -d 'Destination credentials file (docker config.json format)'
complete -c coras -n $copy -l to-plain-http -d 'Destination: use plain HTTP instead of HTTPS'
complete -c coras -n $copy -l to-insecure -d 'Destination: allow TLS certificates that fail verification'
complete -c coras -n $copy -l to-ca-file -r -F -d 'Destination: trust the CA certificates in this PEM file too'
complete -c coras -n $copy -l to-cert-file -r -F -d 'Destination: client certificate (PEM) for mutual TLS'
complete -c coras -n $copy -l to-key-file -r -F -d 'Destination: client private key (PEM) for mutual TLS'
complete -c coras -n $copy -l to-header -x -d 'Destination: add a header to requests to the registry only'
complete -c coras -n $copy -l to-resolve -x -d 'Destination: connect to host:port at address[:address_port]'
complete -c coras -n $copy -l from-oci-layout -d 'SRC is an OCI image layout directory or tar'
complete -c coras -n $copy -l to-oci-layout -d 'DST is an OCI image layout directory (created)'
complete -c coras -n $copy -l resolve -x -d 'Connect to host:port at address[:address_port], both registries'
complete -c coras -n $copy -s d -l debug -d 'Print each HTTP request and its status on stderr'
complete -c coras -n $copy -l retries -x -d 'Retries after a connection failure, a timeout or a 408, 429 or 5xx answer'
complete -c coras -n $copy -l retry-max-wait -x -d 'Longest wait in seconds before a retry, Retry-After included'
complete -c coras -n $copy -l stall-timeout -x -d 'Seconds without a byte moving before a request fails and is retried'
complete -c coras -n $copy -l timeout -x -d 'Seconds the whole command may take talking to the registry'
complete -c coras -n $copy -l platform -x -d 'Copy only the manifest of this platform: os/arch[/variant]'
complete -c coras -n $copy -s r -l recursive -d 'Also copy the referrers of the artifact, and theirs'
complete -c coras -n $copy -l distribution-spec -x -a 'v1.1-referrers-api v1.1-referrers-tag' -d 'How referrers are found and kept'
complete -c coras -n $copy -l concurrency -x -d 'Blobs copied at once (default 3)'
complete -c coras -n $copy -l no-tty -d 'Print one plain line per finished blob, even on a terminal'
complete -c coras -n $copy -l format -x -a 'text json go-template=' -d 'Output format: text, json or go-template=TEMPLATE'
complete -c coras -n $copy -l template -x -d 'The Go template for --format go-template'
complete -c coras -n "$copy; and contains -- --from-oci-layout (commandline -opc); and __coras_no_positional" -F

# backup and restore
set -l backup "__coras_command_is backup"
complete -c coras -n $backup -l output -r -F -d 'OCI image layout directory to write, or FILE.tar'
complete -c coras -n $backup -l include-referrers -d 'Also back up the referrers of each tag, and theirs'
complete -c coras -n $backup -l distribution-spec -x -a 'v1.1-referrers-api v1.1-referrers-tag' -d 'How referrers are found'
complete -c coras -n $backup -l concurrency -x -d 'Blobs pulled at once (default 3)'
complete -c coras -n $backup -l no-tty -d 'Print one plain line per finished blob, even on a terminal'
set -l restore "__coras_command_is restore"
complete -c coras -n $restore -l input -r -F -d 'OCI image layout directory, or a tar of one'
complete -c coras -n $restore -l exclude-referrers -d 'Leave out the referrers the layout holds'
complete -c coras -n $restore -l dry-run -d 'Print what would be pushed; push nothing'
complete -c coras -n $restore -l distribution-spec -x -a 'v1.1-referrers-api v1.1-referrers-tag' -d 'How referrers are kept'
complete -c coras -n $restore -l concurrency -x -d 'Blobs pushed at once (default 5)'
complete -c coras -n $restore -l no-tty -d 'Print one plain line per finished blob, even on a terminal'

# attach
set -l attach "__fish_seen_subcommand_from attach"
complete -c coras -n $attach -l artifact-type -x -d 'Artifact type (required)'
complete -c coras -n $attach -l config -r -F -a "(__coras_media_types $config_types)" -d 'Config file, as FILE[:MEDIATYPE]'
complete -c coras -n $attach -s a -l annotation -x -d 'Manifest annotation key=value (repeatable)'
complete -c coras -n $attach -l annotation-file -r -F -d 'JSON file of annotations ($manifest, $config, FILE keys)'
complete -c coras -n $attach -l export-manifest -r -F -d 'Also write the pushed manifest to this file'
complete -c coras -n $attach -l disable-path-validation -d 'Allow absolute file paths'
complete -c coras -n $attach -l distribution-spec -x -a 'v1.1-referrers-api v1.1-referrers-tag' -d 'How referrers are found'
complete -c coras -n $attach -l concurrency -x -d 'Blobs checked and uploaded at once (default 5)'
complete -c coras -n $attach -l no-tty -d 'Print one plain line per finished blob, even on a terminal'
complete -c coras -n "$attach; and not __coras_needs_layout_dir" -F -a "(__coras_media_types $layer_types)"

# sync
set -l sync "__coras_command_is sync"
complete -c coras -n $sync -l list -r -F -d 'References, one a line, or a Kubernetes ConfigMap (YAML or JSON)'
complete -c coras -n $sync -l dir -x -a '(__fish_complete_directories)' -d 'Directory the modules and their links go in'
complete -c coras -n $sync -l prune -d 'Remove the modules and links sync made that no listed reference needs'
complete -c coras -n $sync -l interval -x -d 'Sync again every SECONDS until SIGTERM or SIGINT'

# discover
set -l discover "__fish_seen_subcommand_from discover"
complete -c coras -n $discover -l artifact-type -x -d 'Only referrers of this artifact type'
complete -c coras -n $discover -l depth -x -d 'Levels of referrers to list (default: all)'
complete -c coras -n $discover -l distribution-spec -x -a 'v1.1-referrers-api v1.1-referrers-tag' -d 'How referrers are found'

# inspect: REF, or a local FILE.wasm
complete -c coras -n "__coras_command_is inspect" -l raw -d 'Print the exact manifest bytes'
complete -c coras -n "__coras_command_is inspect" -l max-module-size -x -d 'Refuse a Wasm module larger than SIZE before downloading it (default 256M)'
complete -c coras -n "__coras_command_is inspect; and not contains -- --oci-layout (commandline -opc); and __coras_no_positional" \
    -x -a '(__coras_wasm_files)'

# manifest and blob subcommands
set -l mfetch "__coras_command_is 'manifest fetch' 'manifest get' 'manifest show'"
set -l mconfig "__coras_command_is 'manifest fetch-config' 'manifest get-config'"
set -l mpush "__coras_command_is 'manifest push'"
set -l bfetch "__coras_command_is 'blob fetch' 'blob get'"
set -l bpush "__coras_command_is 'blob push'"
set -l content "__coras_command_is 'manifest fetch' 'manifest get' 'manifest show' 'manifest fetch-config' 'manifest get-config' 'manifest push' 'blob fetch' 'blob get' 'blob push'"
complete -c coras -n $content -l descriptor -d 'Print the descriptor instead'
complete -c coras -n $content -l pretty -d 'Indent the JSON printed'
complete -c coras -n "$mfetch; or $mconfig; or $bfetch" -s o -l output -r -F -d 'Write the content to FILE (- for stdout)'
complete -c coras -n "$mfetch" -l media-type -x -d 'Accepted manifest media types (repeatable or comma list)'
complete -c coras -n "$mpush" -l media-type -x -d 'Media type of the manifest (default: its mediaType member)'
complete -c coras -n "$bpush" -l media-type -x -d 'Media type shown in the descriptor (default application/octet-stream)'
complete -c coras -n "$bpush" -l size -x -d "The blob's size in bytes, checked (default: counted)"
complete -c coras -n "$bfetch; or $bpush" -l no-tty -d 'Print plain progress lines, even on a terminal'
complete -c coras -n "$mpush; or $bpush" -F

complete -c coras -n "$mfetch; or $mconfig" -l platform -x -d 'Pick the manifest for this platform from an index: os/arch[/variant][:os_version]'

# manifest index create|pack, manifest index update
set -l mindex "__coras_command_is 'manifest index create' 'manifest index pack' 'manifest index update'"
set -l mupdate "__coras_command_is 'manifest index update'"
complete -c coras -n $mindex -l artifact-type -x -d 'Artifact type of the index'
complete -c coras -n $mindex -s a -l annotation -x -d 'Index annotation key=value (repeatable)'
complete -c coras -n $mindex -s o -l output -r -F -d 'Write the index to FILE (- for stdout) instead of pushing it'
complete -c coras -n $mupdate -l add -x -d 'Manifest to add, by tag or digest (repeatable)'
complete -c coras -n $mupdate -l merge -x -d 'Index whose entries to add, by tag or digest (repeatable)'
complete -c coras -n $mupdate -l remove -x -d 'Digest of an entry to remove (repeatable)'
complete -c coras -n $mupdate -l tag -x -d 'Also push the updated index under TAG (repeatable)'

# logout
complete -c coras -n "__coras_command_is logout" -s d -l debug -d 'Accepted for oras compatibility (logout sends no request)'

# tag and resolve
complete -c coras -n "__coras_command_is tag" -l concurrency -x -d 'Tags pushed at once (default 5)'
complete -c coras -n "__coras_command_is resolve" -s l -l full-reference -d 'Print the full reference, registry/repository@digest'
complete -c coras -n "__coras_command_is resolve" -l platform -x -d 'Pick the manifest for this platform from an index: os/arch[/variant][:os_version]'

# repo ls, repo tags
complete -c coras -n "__coras_command_is 'repo ls' 'repo list'" -l last -x -d 'Start after the repository named LAST'
complete -c coras -n "__coras_command_is 'repo tags' 'repo show-tags'" -l last -x -d 'Start after the tag LAST'
complete -c coras -n "__coras_command_is 'repo tags' 'repo show-tags'" -l exclude-digest-tags -d 'Hide tags shaped like a digest (sha256-<hex>)'

# manifest delete, blob delete
complete -c coras -n "__coras_command_is 'manifest delete' 'manifest rm' 'manifest remove' 'blob delete' 'blob rm' 'blob remove'" -s f -l force -d 'Delete without asking for confirmation'
complete -c coras -n "__coras_command_is 'manifest delete' 'manifest rm' 'manifest remove' 'blob delete' 'blob rm' 'blob remove'" -l descriptor -d 'Print the descriptor of what was deleted (JSON)'

# render
complete -c coras -n "__coras_command_is render" -a wasmplugin -d 'An Istio WasmPlugin pinned by digest'
complete -c coras -n "__coras_command_is render" -a trafficextension -d 'An Istio 1.30 TrafficExtension'
complete -c coras -n "__coras_command_is render" -a envoyextensionpolicy -d 'An Envoy Gateway EnvoyExtensionPolicy'
complete -c coras -n "__coras_command_is render" -a envoyfilter -d 'An Istio EnvoyFilter loading the module coras sync wrote on the node'
complete -c coras -n "__coras_command_is render" -a asmfilterdeployment -d 'An Alibaba Cloud ASM ASMFilterDeployment'
complete -c coras -n "__coras_command_is render" -a daemonset -d 'A Kubernetes DaemonSet running coras sync on every node'
set -l rres "__coras_command_is 'render wasmplugin' 'render trafficextension' 'render envoyextensionpolicy' 'render envoyfilter' 'render asmfilterdeployment'"
set -l rall "__coras_command_is 'render wasmplugin' 'render trafficextension' 'render envoyextensionpolicy' 'render envoyfilter' 'render asmfilterdeployment' 'render daemonset'"
set -l ristio "__coras_command_is 'render wasmplugin' 'render trafficextension'"
set -l reep "__coras_command_is 'render envoyextensionpolicy'"
set -l ref "__coras_command_is 'render envoyfilter'"
set -l rasm "__coras_command_is 'render asmfilterdeployment'"
set -l rds "__coras_command_is 'render daemonset'"
complete -c coras -n $rall -l name -x -d 'metadata.name'
complete -c coras -n $rall -l namespace -x -d 'metadata.namespace'
complete -c coras -n $rall -l format -x -a 'yaml json go-template=' -d 'Output format: yaml, json or go-template=TEMPLATE'
complete -c coras -n $rall -l template -x -d 'The Go template for --format go-template'
complete -c coras -n $rres -l plugin-config -x -d "The filter's configuration: a JSON object, or @FILE"
complete -c coras -n $rres -l plugin-name -x -d 'The root id (default: the first rootId of the runtime config)'
complete -c coras -n $rres -l fail-open -d 'Let traffic pass when the filter cannot be loaded'
complete -c coras -n $ristio -l selector -x -d 'Workload labels, as app=details[,version=v1]'
complete -c coras -n "$ristio; or $reep" -l target-ref -x -a 'Gateway/ GatewayClass/ HTTPRoute/ GRPCRoute/ Service/ ServiceEntry/' -d 'What it applies to, as KIND/NAME (repeatable)'
complete -c coras -n $ristio -l phase -x -a 'AUTHN AUTHZ STATS UNSPECIFIED_PHASE' -d 'Where in the filter chain'
complete -c coras -n $ristio -l priority -x -d 'Order within the phase (higher first)'
complete -c coras -n $ristio -l type -x -a 'HTTP NETWORK' -d 'Plugin type (default: from the module)'
complete -c coras -n "$ristio; or $reep; or $rasm; or $rds" -l pull-secret -x -d 'A kubernetes.io/dockerconfigjson Secret to pull with'
complete -c coras -n "$ristio; or $reep" -l pull-policy -x -a 'IfNotPresent Always' -d 'When to pull'
complete -c coras -n "$ref; or $rasm" -l workload -x -d 'Workload labels, as app=details[,version=v1]'
complete -c coras -n "$ref; or $rds" -l dir -x -a '(__fish_complete_directories)' -d 'The node directory coras sync writes to'
complete -c coras -n $ref -l context -x -a 'SIDECAR_INBOUND SIDECAR_OUTBOUND GATEWAY ANY' -d 'Listener context'
complete -c coras -n $ref -l pod-patch -d 'Print the pod-template patch that mounts --dir into the sidecar instead'
complete -c coras -n $rasm -l workload-kind -x -a 'Deployment DaemonSet StatefulSet' -d "The workload's kind"
complete -c coras -n $rds -l list -x -d 'The ConfigMap listing the references'
complete -c coras -n $rds -l list-key -x -d 'Its key holding the list (default filters)'
complete -c coras -n $rds -l image -x -d 'An image holding coras'
complete -c coras -n $rds -l interval -x -d 'Seconds between rounds (default 60)'
complete -c coras -n $rds -l no-prune -d 'Keep modules no reference needs any more'
complete -c coras -n $rds -l run-as-user -x -d "The sync container's user (default 65532; 0: root)"
complete -c coras -n $rds -l init-image -x -d "The init container's image, with chown (default busybox:1.36)"
