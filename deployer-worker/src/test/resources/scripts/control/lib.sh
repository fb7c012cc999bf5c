# Sourced by every control script of the tests (not executable itself). Records each call and behaves as
# files in the working directory (the scripts directory) ask:
#   calls          one line per call: the script's name, then each argument, separated by tabs
#   env.<name>     the environment of the last call of <name>
#   out.<name>     printed to stdout
#   exit.<name>    exit codes, one per line: each call takes the first line, the last line stays
#   hang.<name>    if present: writes its pid to pid.<name>, starts `sleep 600` (pid in sleep.<name>), waits
#   linger.<name>  if present: leaves `sleep 600` (pid in sleep.<name>) running in the background, holding
#                  stdout and stderr open, and exits
# Every call prints its secret DB_PASSWORD to stderr, as careless scripts do.
name=$(basename "$0")
{
    printf '%s' "$name"
    for argument in "$@"; do printf '\t%s' "$argument"; done
    printf '\n'
} >> calls
env > "env.$name"
echo "$name: connecting with DB_PASSWORD=${DB_PASSWORD:-}" >&2
if [ -f "out.$name" ]; then
    cat "out.$name"
fi
if [ -f "hang.$name" ]; then
    echo $$ > "pid.$name"
    sleep 600 &
    echo $! > "sleep.$name"
    wait
fi
if [ -f "linger.$name" ]; then
    sleep 600 &
    echo $! > "sleep.$name"
fi
code=0
if [ -f "exit.$name" ]; then
    code=$(head -n 1 "exit.$name")
    if [ "$(wc -l < "exit.$name")" -gt 1 ]; then
        sed -i '1d' "exit.$name"
    fi
fi
exit "$code"
