#!/bin/bash
# build-deb.sh — build dist/streetflow_<version>_<arch>.deb with dpkg-deb.
#
#   bash Deploy/build-deb.sh                 release build (what an office installs)
#   CONFIGURATION=debug bash Deploy/build-deb.sh   faster, for CI's system test
#
# The binaries link the Swift runtime and Foundation statically (--static-swift-stdlib), so the
# package needs only Debian's libc, libstdc++, libsqlite3 and libsystemd: no Swift toolchain on the
# server. Layout: /usr/bin, /usr/share/streetflow/{workflows,seeds}, /usr/lib/systemd/system,
# /usr/lib/sysusers.d, /usr/lib/systemd/catalog, /etc/streetflow/streetflow.yaml (a conffile),
# completions and man pages. Maintainer scripts: Deploy/debian/.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$here")
cd "$root"
configuration=${CONFIGURATION:-release}
version=$(sed -n 's/.*static let current = "\(.*\)".*/\1/p' Sources/StreetFlowProtocol/StreetFlowVersion.swift)
arch=$(dpkg --print-architecture)
[ -n "$version" ] || { echo "build-deb: cannot read the version" >&2; exit 1; }

# Foundation's static archives need their companions named explicitly (Swift 6.3 on Linux).
link=()
for lib in Foundation CoreFoundation FoundationEssentials _FoundationCollections FoundationInternationalization \
    _FoundationICU _FoundationCShims swiftSynchronization; do
    link+=(-Xlinker "-l$lib")
done
# A build folder of its own: objects compiled for the static runtime carry link entries that break a
# later ordinary build sharing the folder.
scratch=.build/deb-$configuration
for product in streetflowd streetflow; do
    swift build -c "$configuration" --scratch-path "$scratch" --static-swift-stdlib --product "$product" "${link[@]}"
done
# The notifier speaks HTTPS through FoundationNetworking, which uses the system's libcurl (a package dependency).
swift build -c "$configuration" --scratch-path "$scratch" --static-swift-stdlib --product streetflow-notify "${link[@]}" \
    -Xlinker -lFoundationNetworking -Xlinker -l_CFURLSessionInterface -Xlinker -lcurl
bin=$(swift build -c "$configuration" --scratch-path "$scratch" --show-bin-path)

stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
pkg="$stage/streetflow"
install -d "$pkg/DEBIAN" "$pkg/usr/bin" "$pkg/usr/share/streetflow" "$pkg/usr/lib/systemd/system" \
    "$pkg/usr/lib/sysusers.d" "$pkg/usr/lib/systemd/catalog" "$pkg/etc/streetflow" \
    "$pkg/usr/share/doc/streetflow" "$pkg/usr/share/lintian/overrides"
install -m 0755 -s "$bin/streetflowd" "$bin/streetflow" "$bin/streetflow-notify" "$pkg/usr/bin/"
cp -r Workflows "$pkg/usr/share/streetflow/workflows"
cp -r seeds "$pkg/usr/share/streetflow/seeds"
rm -f "$pkg/usr/share/streetflow/seeds/generate-calendar.py"
install -m 0644 Deploy/streetflowd.service Deploy/streetflowd.socket Deploy/streetflow-notify.service \
    "$pkg/usr/lib/systemd/system/"
install -D -m 0644 Deploy/notify.yaml.example "$pkg/usr/share/doc/streetflow/notify.yaml.example"
install -m 0644 Deploy/sysusers.d/streetflow.conf "$pkg/usr/lib/sysusers.d/streetflow.conf"
install -m 0644 Deploy/streetflow.catalog "$pkg/usr/lib/systemd/catalog/streetflow.catalog"
install -m 0644 Deploy/streetflow.yaml "$pkg/etc/streetflow/streetflow.yaml"
# The office's added holiday years go in /etc/streetflow/calendar.d; the example shows the format.
install -d "$pkg/etc/streetflow/calendar.d"
# At login, members of group streetflow see what waits for them (streetflow inbox --brief).
install -D -m 0644 Deploy/profile.d/streetflow.sh "$pkg/etc/profile.d/streetflow.sh"
install -D -m 0644 Deploy/calendar.d/example.yaml.example "$pkg/usr/share/doc/streetflow/calendar.d/example.yaml.example"
if [ -d Deploy/completions ]; then
    if [ -f Deploy/completions/streetflow.bash ]; then
        # Completions are sourced, not run: no #! line (lintian bash-completion-with-hashbang).
        install -d "$pkg/usr/share/bash-completion/completions"
        sed '1{/^#!/d}' Deploy/completions/streetflow.bash > "$pkg/usr/share/bash-completion/completions/streetflow"
    fi
    [ -f Deploy/completions/streetflow.zsh ] && install -D -m 0644 Deploy/completions/streetflow.zsh "$pkg/usr/share/zsh/vendor-completions/_streetflow"
    [ -f Deploy/completions/streetflow.fish ] && install -D -m 0644 Deploy/completions/streetflow.fish "$pkg/usr/share/fish/vendor_completions.d/streetflow.fish"
fi
for page in Deploy/man/*.[1-8]; do
    [ -f "$page" ] || continue
    section=${page##*.}
    install -d "$pkg/usr/share/man/man$section"
    # Blank lines are not roff (groff warns about each); the generated mdoc has a few.
    sed '/^$/d' "$page" | gzip -9n > "$pkg/usr/share/man/man$section/$(basename "$page").gz"
done
for page in Deploy/man/zh_CN/*.[1-8]; do
    [ -f "$page" ] || continue
    section=${page##*.}
    install -d "$pkg/usr/share/man/zh_CN/man$section"
    sed '/^$/d' "$page" | gzip -9n > "$pkg/usr/share/man/zh_CN/man$section/$(basename "$page").gz"
done
install -m 0644 Deploy/debian/copyright "$pkg/usr/share/doc/streetflow/copyright"
gzip -9n < Deploy/debian/changelog > "$pkg/usr/share/doc/streetflow/changelog.gz"
install -m 0644 Deploy/debian/lintian-overrides "$pkg/usr/share/lintian/overrides/streetflow"
for script in postinst prerm postrm; do
    install -m 0755 "Deploy/debian/$script" "$pkg/DEBIAN/$script"
done
printf '%s\n' /etc/streetflow/streetflow.yaml /etc/profile.d/streetflow.sh > "$pkg/DEBIAN/conffiles"
size=$(du -sk --exclude=DEBIAN "$pkg" | cut -f1)
sed -e "s/@VERSION@/$version/" -e "s/@ARCH@/$arch/" -e "s/@SIZE@/$size/" Deploy/debian/control > "$pkg/DEBIAN/control"
mkdir -p dist
out="dist/streetflow_${version}_${arch}.deb"
dpkg-deb --root-owner-group --build "$pkg" "$out" >/dev/null
echo "$out"
