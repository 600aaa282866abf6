# bash completion for coras                                  -*- shell-script -*-
#
# Keep in step with cli/*.cpp and cli/options/*.cpp (tests/integration/test_docs_in_step.sh
# checks that every long flag of `coras <command> --help` is listed here).
# Installed as bash-completion/completions/coras; to try it: source completions/coras.bash
# Self-contained: works without the bash-completion package.

# Media types offered after FILE: (push arguments) and after --config FILE:.
_coras_layer_types='application/vnd.module.wasm.content.layer.v1+wasm application/wasm
application/vnd.wasm.content.layer.v1+wasm application/vnd.oci.image.layer.v1.tar
application/vnd.oci.image.layer.v1.tar+gzip'
_coras_config_types='application/vnd.module.wasm.config.v1+json application/vnd.wasm.config.v0+json
application/vnd.wasm.config.v1+json application/vnd.unknown.config.v1+json'

# _coras_words WORDLIST CUR: sets COMPREPLY to the words of WORDLIST starting with CUR.
_coras_words()
{
    local IFS=$' \t\n'
    # shellcheck disable=SC2207 # word lists hold no spaces or globs
    COMPREPLY=($(compgen -W "$1" -- "$2"))
}

# _coras_files CUR [-d]: sets COMPREPLY to the files (or, with -d, directories) matching CUR.
_coras_files()
{
    local line
    COMPREPLY=()
    while IFS= read -r line; do
        COMPREPLY+=("$line")
    done < <(compgen "${2:--f}" -- "$1")
    # Outside readline (a test calling _coras directly) compopt has nothing to change.
    compopt -o filenames 2>/dev/null || true
}

# _coras_wasm_files CUR: sets COMPREPLY to the directories and *.wasm files matching CUR.
_coras_wasm_files()
{
    local line
    COMPREPLY=()
    while IFS= read -r line; do
        COMPREPLY+=("$line")
    done < <(compgen -d -- "$1"; compgen -f -X '!*.wasm' -- "$1")
    compopt -o filenames 2>/dev/null || true
}

# _coras_media_types CUR TYPES: CUR is FILE:PARTIAL; offers FILE:TYPE for each matching TYPE.
_coras_media_types()
{
    local file=${1%:*} partial=${1##*:} type
    COMPREPLY=()
    for type in $2; do
        [[ $type == "$partial"* ]] && COMPREPLY+=("$file:$type")
    done
}

# _coras_tags CUR CORAS [OPTION...]: CUR is REGISTRY/REPOSITORY:PARTIAL; offers
# REGISTRY/REPOSITORY:TAG for each tag `coras repo tags` lists (referrer tags left out), asked
# with the connection options of the line, and given up after 3 seconds (a slow or dead
# registry completes nothing).
_coras_tags()
{
    local cur=$1 coras=$2 line
    shift 2
    [[ $cur =~ ^([^@:/]+(:[0-9]+)?/[^@:]+):([^@:/,]*)$ ]] || return 0
    local repository=${BASH_REMATCH[1]} partial=${BASH_REMATCH[3]}
    COMPREPLY=()
    while IFS= read -r line; do
        [[ $line == "$partial"* ]] && COMPREPLY+=("$repository:$line")
    done < <(timeout 3 "$coras" repo tags --exclude-digest-tags "$@" -- "$repository" 2>/dev/null </dev/null)
}

_coras()
{
    local commands='push pull copy backup restore inspect attach discover sync login logout version tag resolve repo manifest blob render'
    local credential_opts='-u --username -p --password --password-stdin --identity-token --identity-token-stdin --registry-config'
    local remote_opts="$credential_opts --plain-http --insecure --ca-file --cert-file --key-file -H --header --resolve -d --debug --retries --retry-max-wait --stall-timeout --timeout -h --help"
    local target_opts="--oci-layout $remote_opts"
    # copy: each side's remote flags as --from-NAME and --to-NAME (no short names).
    local side_opts='--from-username --from-password --from-password-stdin --from-identity-token --from-identity-token-stdin --from-registry-config --from-plain-http --from-insecure --from-ca-file --from-cert-file --from-key-file --from-header --from-resolve --to-username --to-password --to-password-stdin --to-identity-token --to-identity-token-stdin --to-registry-config --to-plain-http --to-insecure --to-ca-file --to-cert-file --to-key-file --to-header --to-resolve'
    local copy_opts="--from-oci-layout --to-oci-layout $side_opts --resolve -d --debug --retries --retry-max-wait --stall-timeout --timeout --platform -r --recursive --distribution-spec --concurrency --no-tty --format --template -h --help"
    local file_opts='--config --manifest-config --annotation-file --export-manifest --ca-file --cert-file --key-file --registry-config --from-ca-file --from-cert-file --from-key-file --from-registry-config --to-ca-file --to-cert-file --to-key-file --to-registry-config --list'
    local dir_opts='-o --output --dir --input'
    local other_value_opts='--platform --from-username --from-password --from-identity-token --from-header --from-resolve --to-username --to-password --to-identity-token --to-header --to-resolve -H --header --resolve --from --chunk-size --max-module-size --concurrency --retries --retry-max-wait --stall-timeout --timeout --format --wasm-format --root-id --artifact-type -a --annotation -u --username -p --password --identity-token --media-type --size --stdin-name --template --last --distribution-spec --depth --name --namespace --plugin-config --plugin-name --selector --target-ref --phase --priority --type --pull-secret --pull-policy --workload --context --workload-kind --list --list-key --image --interval --run-as-user --init-image --add --merge --remove --tag'

    # Re-join the words readline split at ':' and '=' (COMP_WORDBREAKS), so that
    # registry:5000/repo:tag, FILE:MEDIATYPE and --flag=value are one word each.
    local -a words=()
    local i w after_break=0
    for ((i = 0; i <= COMP_CWORD && i < ${#COMP_WORDS[@]}; i++)); do
        w=${COMP_WORDS[i]}
        if ((i > 1)) && { [[ $w =~ ^[:=]+$ ]] || ((after_break)); }; then
            words[${#words[@]} - 1]+=$w
        else
            words+=("$w")
        fi
        if [[ $w =~ ^[:=]+$ ]]; then after_break=1; else after_break=0; fi
    done
    local cword=$((${#words[@]} - 1))
    local cur=${words[cword]}
    # What readline replaces is only the last piece: strip what comes before it from the replies.
    local piece=${COMP_WORDS[COMP_CWORD]:-}
    local strip=${cur%"$piece"}

    # The subcommand: the first word after `coras` that is not an option.
    local command='' command_index=0
    for ((i = 1; i < cword; i++)); do
        if [[ ${words[i]} != -* ]]; then
            command=${words[i]}
            command_index=$i
            break
        fi
    done

    # A command group (repo, manifest, blob): its subcommand is the next word that is not an
    # option; aliases complete as the subcommand they stand for.
    local group_subcommands=''
    case $command in
        repo) group_subcommands='ls tags' ;;
        manifest) group_subcommands='fetch fetch-config push delete index' ;;
        blob) group_subcommands='fetch push delete' ;;
        render) group_subcommands='wasmplugin trafficextension envoyextensionpolicy envoyfilter asmfilterdeployment daemonset' ;;
    esac
    if [[ -n $group_subcommands ]]; then
        local sub='' sub_index=0
        for ((i = command_index + 1; i < cword; i++)); do
            if [[ ${words[i]} != -* ]]; then
                sub=${words[i]}
                sub_index=$i
                break
            fi
        done
        COMPREPLY=()
        if [[ -z $sub ]]; then
            if [[ $cur == -* ]]; then
                _coras_words '-h --help' "$cur"
            else
                _coras_words "$group_subcommands" "$cur"
            fi
            return 0
        fi
        case $sub in
            list) sub=ls ;;
            show-tags) sub=tags ;;
            rm | remove) sub=delete ;;
            get | show) sub=fetch ;;
            get-config) sub=fetch-config ;;
        esac
        command="$command-$sub"
        command_index=$sub_index
    fi

    # A group within a group (manifest index): its subcommand is the next word, as above.
    if [[ $command == manifest-index ]]; then
        local nested=''
        for ((i = command_index + 1; i < cword; i++)); do
            if [[ ${words[i]} != -* ]]; then
                nested=${words[i]}
                command_index=$i
                break
            fi
        done
        if [[ -z $nested ]]; then
            COMPREPLY=()
            if [[ $cur == -* ]]; then
                _coras_words '-h --help' "$cur"
            else
                _coras_words 'create update' "$cur"
            fi
            return 0
        fi
        [[ $nested == pack ]] && nested=create
        command="$command-$nested"
    fi

    COMPREPLY=()
    if [[ -z $command ]]; then
        if [[ $cur == -* ]]; then
            _coras_words '-h --help --version' "$cur"
        else
            _coras_words "$commands" "$cur"
        fi
        return 0
    fi

    local opts
    case $command in
        push) opts="--config --manifest-config --artifact-type -a --annotation --annotation-file --export-manifest --disable-path-validation --wasm-format --root-id --no-verify --concurrency --no-tty --from --chunk-size --stdin-name --format --template $target_opts" ;;
        pull) opts="-o --output -k --keep-old-files -T --allow-path-traversal --concurrency --no-tty --format --template $target_opts" ;;
        copy | cp) opts=$copy_opts ;;
        backup) opts="--output --include-referrers --distribution-spec --concurrency --no-tty --format --template $remote_opts" ;;
        restore) opts="--input --exclude-referrers --dry-run --distribution-spec --concurrency --no-tty --format --template $remote_opts" ;;
        inspect) opts="--raw --max-module-size --format --template $target_opts" ;;
        attach) opts="--artifact-type --config -a --annotation --annotation-file --export-manifest --disable-path-validation --distribution-spec --concurrency --no-tty --format --template $target_opts" ;;
        discover) opts="--artifact-type --depth --distribution-spec --format --template $target_opts" ;;
        sync) opts="--list --dir --prune --interval --format --template $remote_opts" ;;
        login) opts="$remote_opts" ;;
        logout) opts='--registry-config -d --debug -h --help' ;;
        version) opts='-h --help' ;;
        manifest-fetch) opts="-o --output --descriptor --pretty --media-type --platform --format --template $target_opts" ;;
        manifest-fetch-config) opts="-o --output --descriptor --pretty --platform $target_opts" ;;
        manifest-index-create) opts="--artifact-type -a --annotation -o --output --format --template $target_opts" ;;
        manifest-index-update) opts="--add --merge --remove --tag --artifact-type -a --annotation -o --output --format --template $target_opts" ;;
        manifest-push) opts="--media-type --descriptor --pretty --format --template $target_opts" ;;
        blob-fetch) opts="-o --output --descriptor --pretty --no-tty $target_opts" ;;
        blob-push) opts="--size --media-type --descriptor --pretty --no-tty --format --template $target_opts" ;;
        tag) opts="--concurrency $target_opts" ;;
        resolve) opts="-l --full-reference --platform $target_opts" ;;
        repo-ls) opts="--last --format --template $remote_opts" ;;
        repo-tags) opts="--last --exclude-digest-tags --format --template $target_opts" ;;
        manifest-delete | blob-delete) opts="-f --force --descriptor $target_opts" ;;
        render-wasmplugin | render-trafficextension) opts="--name --namespace --plugin-config --plugin-name --fail-open --selector --target-ref --phase --priority --type --pull-secret --pull-policy --format --template $remote_opts" ;;
        render-envoyextensionpolicy) opts="--name --namespace --plugin-config --plugin-name --fail-open --target-ref --pull-secret --pull-policy --format --template $remote_opts" ;;
        render-envoyfilter) opts="--name --namespace --plugin-config --plugin-name --fail-open --workload --dir --context --pod-patch --format --template $remote_opts" ;;
        render-asmfilterdeployment) opts="--name --namespace --plugin-config --plugin-name --fail-open --workload --workload-kind --pull-secret --format --template $remote_opts" ;;
        render-daemonset) opts='--list --list-key --image --pull-secret --dir --interval --no-prune --name --namespace --run-as-user --init-image --format --template -h --help' ;;
        *) return 0 ;;
    esac
    local value_opts=" $file_opts $dir_opts $other_value_opts "

    # Which option, if any, the current word is the value of.
    local opt='' value='' value_prefix=''
    if [[ $cur == --*=* ]]; then
        opt=${cur%%=*}
        value=${cur#*=}
        value_prefix="$opt="
    elif ((cword - 1 > command_index)) && [[ $value_opts == *" ${words[cword - 1]} "* ]] &&
        [[ " $opts " == *" ${words[cword - 1]} "* ]]; then
        opt=${words[cword - 1]}
        value=$cur
    fi

    if [[ -n $opt ]]; then
        case $opt in
            --format)
                if [[ $command == render-* ]]; then
                    _coras_words 'yaml json go-template=' "$value"
                else
                    _coras_words 'text json go-template=' "$value"
                fi
                ;;
            --phase) _coras_words 'AUTHN AUTHZ STATS UNSPECIFIED_PHASE' "$value" ;;
            --type) _coras_words 'HTTP NETWORK' "$value" ;;
            --pull-policy) _coras_words 'IfNotPresent Always' "$value" ;;
            --context) _coras_words 'SIDECAR_INBOUND SIDECAR_OUTBOUND GATEWAY ANY' "$value" ;;
            --workload-kind) _coras_words 'Deployment DaemonSet StatefulSet' "$value" ;;
            --target-ref) _coras_words 'Gateway/ GatewayClass/ HTTPRoute/ GRPCRoute/ Service/ ServiceEntry/' "$value" ;;
            --plugin-config)
                if [[ $value == @* ]]; then
                    _coras_files "${value#@}"
                    for i in "${!COMPREPLY[@]}"; do COMPREPLY[i]="@${COMPREPLY[i]}"; done
                fi
                ;;
            --distribution-spec) _coras_words 'v1.1-referrers-api v1.1-referrers-tag' "$value" ;;
            --wasm-format) _coras_words 'solo compat cncf wasm-to-oci' "$value" ;;
            --plain-http | --from-plain-http | --to-plain-http) _coras_words 'true false' "$value" ;;
            --config | --manifest-config)
                if [[ $value == *:* ]]; then
                    _coras_media_types "$value" "$_coras_config_types"
                else
                    _coras_files "$value"
                fi
                ;;
            --annotation-file | --export-manifest | --ca-file | --cert-file | --key-file | --registry-config | \
                --from-ca-file | --from-cert-file | --from-key-file | --from-registry-config | \
                --to-ca-file | --to-cert-file | --to-key-file | --to-registry-config)
                _coras_files "$value"
                ;;
            --dir) _coras_files "$value" -d ;;
            --list) [[ $command == sync ]] && _coras_files "$value" ;; # render daemonset: a ConfigMap
            --input) _coras_files "$value" ;;
            -o | --output)
                if [[ $command == pull ]]; then
                    _coras_files "$value" -d
                else
                    _coras_files "$value"
                fi
                ;;
            *) ;; # --root-id, --artifact-type, -a/--annotation, -u/-p, --identity-token: free text
        esac
    elif [[ $cur == -* ]]; then
        _coras_words "$opts" "$cur"
    else
        # A positional: REF (REGISTRY for login and logout) first, then (push) FILE[:MEDIATYPE]...
        local positionals=0 oci_layout=no from_layout=no to_layout=no double_dash=no
        # The options that say how to reach the registry, for _coras_tags (copy's source: its
        # --from-NAME options, passed on as --NAME).
        local -a connection=() from_connection=()
        for ((i = command_index + 1; i < cword; i++)); do
            w=${words[i]}
            if [[ $double_dash == no ]]; then
                case $w in
                    --plain-http | --plain-http=* | --insecure | --ca-file=* | --registry-config=*) connection+=("$w") ;;
                    --ca-file | --registry-config) connection+=("$w" "${words[i + 1]:-}") ;;
                    --from-plain-http | --from-plain-http=* | --from-insecure | --from-ca-file=* | --from-registry-config=*) from_connection+=("--${w#--from-}") ;;
                    --from-ca-file | --from-registry-config) from_connection+=("--${w#--from-}" "${words[i + 1]:-}") ;;
                esac
            fi
            if [[ $double_dash == no && $w == -- ]]; then
                double_dash=yes
            elif [[ $double_dash == no && $w == --oci-layout ]]; then
                oci_layout=yes
            elif [[ $double_dash == no && $w == --from-oci-layout ]]; then
                from_layout=yes
            elif [[ $double_dash == no && $w == --to-oci-layout ]]; then
                to_layout=yes
            elif [[ $double_dash == no && $w == -* ]]; then
                # An option: skip its value when it takes one and it is not joined with '='.
                [[ $w != *=* && $value_opts == *" $w "* ]] && ((i++))
            else
                ((positionals++))
            fi
        done
        if [[ $command == copy || $command == cp ]]; then
            # SRC: a layout directory or tar with --from-oci-layout; DST: a directory with
            # --to-oci-layout.
            if ((positionals == 0)) && [[ $from_layout == yes && $cur != *[:@]* ]]; then
                _coras_files "$cur"
            elif ((positionals == 1)) && [[ $to_layout == yes && $cur != *[:@]* ]]; then
                _coras_files "$cur" -d
            elif ((positionals == 0)) && [[ $from_layout == no ]]; then
                _coras_tags "$cur" "${words[0]}" "${from_connection[@]}"
            fi
        elif ((positionals == 0)); then
            # REF: a layout directory with --oci-layout, a local *.wasm module for inspect; a
            # registry reference's tag once REGISTRY/REPOSITORY: is typed; hosts are not
            # completed.
            if [[ $oci_layout == yes && $cur != *[:@]* ]]; then
                _coras_files "$cur" -d
            elif [[ $oci_layout == no && $command == inspect && $cur != *[:@]* ]]; then
                _coras_wasm_files "$cur"
            elif [[ $oci_layout == no && $command != login && $command != logout && $command != repo-ls && $command != blob-* && $command != render-daemonset && $command != sync ]]; then
                _coras_tags "$cur" "${words[0]}" "${connection[@]}"
            fi
        elif [[ $command == manifest-push || $command == blob-push ]]; then
            ((positionals == 1)) && _coras_files "$cur"
        elif [[ $command == push ]]; then
            if [[ $cur == *:* ]]; then
                _coras_media_types "$cur" "$_coras_layer_types"
            else
                _coras_files "$cur"
            fi
        fi
    fi

    # Add back the --flag= prefix of a value, then strip what readline will not replace.
    if [[ -n $value_prefix || -n $strip ]]; then
        for i in "${!COMPREPLY[@]}"; do
            w=$value_prefix${COMPREPLY[i]}
            COMPREPLY[i]=${w#"$strip"}
        done
    fi
    return 0
}

complete -F _coras coras
