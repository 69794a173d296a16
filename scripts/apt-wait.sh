# Sourced by ./test: apt-get that waits, up to APT_LOCK_WAIT_S seconds (default 300), for another install's lock
# instead of failing at once. apt's own DPkg::Lock::Timeout covers dpkg's locks; `apt-get update` ignores it for
# the package lists' lock (apt 2.6), so a lock failure is also retried here until the same deadline.
apt_get_waiting() {
  local limit="${APT_LOCK_WAIT_S:-300}" out said=""
  local deadline=$((SECONDS + limit)) span="$limit s"
  [ $((limit % 60)) -ne 0 ] || span="$((limit / 60)) min"
  while :; do
    local left=$((deadline - SECONDS))
    [ "$left" -gt 0 ] || left=1
    if out="$(apt-get -o DPkg::Lock::Timeout="$left" "$@" 2>&1)"; then
      [ -z "$out" ] || printf '%s\n' "$out" >&2
      return 0
    fi
    if ! grep -qiE 'could not get lock|unable to lock|unable to acquire the dpkg frontend lock' <<<"$out"; then
      printf '%s\n' "$out" >&2
      return 1
    fi
    if [ "$SECONDS" -ge "$deadline" ]; then
      echo "${0##*/}: another install has held apt's lock for $span; run this again once it has finished" >&2
      return 1
    fi
    [ -n "$said" ] || echo "${0##*/}: another install holds apt's lock; waiting for it (up to $span)…" >&2
    said=1
    sleep 3
  done
}
