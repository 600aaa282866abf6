// orasgo-bench: a minimal peer for bench/run.sh that pushes and pulls ORAS
// artifacts with oras-go v1 (oras.land/oras-go v1.1.x, the API the oras v0.x
// CLI was built on), mirroring what `oras push` / `oras pull` (CLI v0.12–0.15)
// did with it.
//
//	orasgo-bench push REGISTRY/REPO:TAG FILE...
//	orasgo-bench pull REGISTRY/REPO:TAG OUTDIR
//
// The registry is always spoken to over plain HTTP with no credentials (the
// benchmark runs a local registry on 127.0.0.1).
//
// Concurrency (oras-go v1 defaults, nothing here changes them):
// oras.Copy walks the root manifest with containerd's images.Dispatch
// (copyOptsDefaults in pkg/oras/opts.go: dispatch = images.Dispatch) and passes
// it a nil *semaphore.Weighted (pkg/oras/copy.go: opts.dispatch(ctx, ..., nil,
// desc)). With a nil limiter Dispatch starts one goroutine per child
// descriptor, so the config and ALL layers of the manifest are transferred at
// the same time — unbounded concurrency, for push and pull alike. Manifests
// are held back in an in-memory cache and sent last, sequentially, so the
// registry never sees a manifest before its blobs. The HTTP client is Go's
// http.DefaultClient (no cap on connections per host; only 2 are kept idle).
package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	ocispec "github.com/opencontainers/image-spec/specs-go/v1"
	"github.com/sirupsen/logrus"
	"oras.land/oras-go/pkg/content"
	"oras.land/oras-go/pkg/oras"
)

func usage() {
	fmt.Fprintln(os.Stderr, "usage: orasgo-bench push REGISTRY/REPO:TAG FILE...\n"+
		"       orasgo-bench pull REGISTRY/REPO:TAG OUTDIR")
	os.Exit(2)
}

func main() {
	if len(os.Args) < 4 {
		usage()
	}
	// containerd (used underneath) logs through logrus; keep only errors so
	// the benchmark's output stays clean (e.g. the "unknown type" warning
	// logged for the config blob that pull deliberately skips).
	logrus.SetLevel(logrus.ErrorLevel)

	ctx := context.Background()
	ref := os.Args[2]
	var err error
	switch os.Args[1] {
	case "push":
		err = push(ctx, ref, os.Args[3:])
	case "pull":
		if len(os.Args) != 4 {
			usage()
		}
		err = pull(ctx, ref, os.Args[3])
	default:
		usage()
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "orasgo-bench %s: %v\n", os.Args[1], err)
		os.Exit(1)
	}
}

// registry returns the remote target: a containerd docker resolver, plain HTTP.
// With no Username/Password, oras-go builds it from ~/.docker/config.json
// (absent here, which just means anonymous access).
func registry() (*content.Registry, error) {
	return content.NewRegistry(content.RegistryOptions{PlainHTTP: true})
}

// push: like `oras push REF FILE...` — each file becomes a layer of media type
// application/vnd.oci.image.layer.v1.tar titled with its base name, plus the
// generated "{}" config (application/vnd.unknown.config.v1+json).
func push(ctx context.Context, ref string, files []string) error {
	store := content.NewFile("") // file-backed source store
	defer store.Close()

	var layers []ocispec.Descriptor
	for _, path := range files {
		// Add hashes the file (sha256) and sets the org.opencontainers.image.title
		// annotation to name; the bytes are streamed from path at push time.
		desc, err := store.Add(filepath.Base(path), content.DefaultBlobMediaType, path)
		if err != nil {
			return err
		}
		layers = append(layers, desc)
	}

	// OCI image manifest (layers sorted by digest by oras-go) + empty config.
	manifest, manifestDesc, config, configDesc, err :=
		content.GenerateManifestAndConfig(nil, nil, layers...)
	if err != nil {
		return err
	}
	if err := store.Load(configDesc, config); err != nil {
		return err
	}
	if err := store.StoreManifest(ref, manifestDesc, manifest); err != nil {
		return err
	}

	remote, err := registry()
	if err != nil {
		return err
	}
	// Copy from the local store to the registry under the same reference.
	desc, err := oras.Copy(ctx, store, ref, remote, "")
	if err != nil {
		return err
	}
	fmt.Printf("Pushed %s\nDigest: %s\n", ref, desc.Digest)
	return nil
}

// pull: like `oras pull REF -o OUTDIR` — only layers of the default ORAS blob
// media types (tar, tar+gzip) that carry a title are written, as OUTDIR/TITLE.
// The config blob is not fetched. Every blob is verified on commit by the file
// store (size and sha256 digest must match the descriptor, otherwise the pull
// fails); path traversal outside OUTDIR is refused.
func pull(ctx context.Context, ref, outDir string) error {
	remote, err := registry()
	if err != nil {
		return err
	}
	store := content.NewFile(outDir)
	defer store.Close()

	var layers []ocispec.Descriptor
	desc, err := oras.Copy(ctx, remote, ref, store, "",
		oras.WithAllowedMediaTypes([]string{content.DefaultBlobMediaType, content.DefaultBlobDirMediaType}),
		oras.WithLayerDescriptors(func(l []ocispec.Descriptor) { layers = l }),
	)
	if err != nil {
		return err
	}
	if len(layers) == 0 {
		return fmt.Errorf("%s: no titled layers to pull", ref)
	}
	fmt.Printf("Pulled %s (%d files)\nDigest: %s\n", ref, len(layers), desc.Digest)
	return nil
}
