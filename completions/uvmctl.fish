# fish completion for uvmctl, generated from its command model.
# Install: uvmctl completion fish > ~/.config/fish/completions/uvmctl.fish
complete -c uvmctl -e
complete -c uvmctl -f

function __uvmctl_command --description 'Print the uvmctl command the command line is at'
    set -l command uvmctl
    set -l value_next 0
    set -l words (commandline -opc)
    set -e words[1]
    for word in $words
        if test $value_next = 1
            set value_next 0
            continue
        end
        switch "$command $word"
            case 'uvmctl params'
                set command 'uvmctl params'
            case 'uvmctl shell'
                set command 'uvmctl shell'
            case 'uvmctl completion'
                set command 'uvmctl completion'
            case 'uvmctl params explain'
                set command 'uvmctl params explain'
            case 'uvmctl --root' 'uvmctl --color' 'uvmctl params -o' 'uvmctl params --output' 'uvmctl params --root' 'uvmctl params --color' 'uvmctl params explain -o' 'uvmctl params explain --output' 'uvmctl params explain --root' 'uvmctl params explain --color' 'uvmctl shell --history' 'uvmctl shell --root' 'uvmctl shell --color' 'uvmctl completion --root' 'uvmctl completion --color'
                set value_next 1
        end
    end
    echo $command
end

function __uvmctl_at --description 'True when the command line is at the uvmctl command given'
    test (__uvmctl_command) = "$argv"
end

complete -c uvmctl -n '__uvmctl_at uvmctl' -a 'params' -d 'Show every nvidia-uvm module parameter with its effective value, the default for this driver release and architecture, whether it was changed, whether it is writable at runtime, where it was configured (modprobe.d, kernel command line) and what it means; then checks of what is wrong.'
complete -c uvmctl -n '__uvmctl_at uvmctl' -a 'shell' -d 'Interactive shell: run uvmctl commands without restarting the JVM, with TAB completion and history, against the --root given here; files parsed once are kept until they change.'
complete -c uvmctl -n '__uvmctl_at uvmctl' -a 'completion' -d 'Print the shell completion script for bash, zsh or fish.'
complete -c uvmctl -n '__uvmctl_at uvmctl' -l 'root' -r -F -d 'System root to inspect: / (the default) or an unpacked capture bundle or fixture tree.'
complete -c uvmctl -n '__uvmctl_at uvmctl' -l 'debug' -d 'Print stack traces of internal errors.'
complete -c uvmctl -n '__uvmctl_at uvmctl' -l 'color' -x -a 'auto always never' -d 'Colour: auto, always, never (default: auto: only on a terminal, off when NO_COLOR is set).'
complete -c uvmctl -n '__uvmctl_at uvmctl' -s 'q' -l 'quiet' -d 'Print nothing on standard output; the exit status is the answer.'
complete -c uvmctl -n '__uvmctl_at uvmctl' -s 'h' -l 'help' -d 'Show this help message and exit.'
complete -c uvmctl -n '__uvmctl_at uvmctl' -s 'V' -l 'version' -d 'Print version information and exit.'
complete -c uvmctl -n '__uvmctl_at uvmctl params' -a 'explain' -d 'Explain one parameter: type, default per release and architecture, mode, the releases that have it, what it does, and its effective and configured values on this system (or in the INPUTs).'
complete -c uvmctl -n '__uvmctl_at uvmctl params' -s 'o' -l 'output' -x -a 'table json ndjson' -d 'Output format: table, json, ndjson (default: table).'
complete -c uvmctl -n '__uvmctl_at uvmctl params' -l 'changed' -d 'Only the parameters whose value differs from the default.'
complete -c uvmctl -n '__uvmctl_at uvmctl params' -l 'wide' -d 'Never wrap or drop the MEANING column to fit the terminal.'
complete -c uvmctl -n '__uvmctl_at uvmctl params' -l 'check' -d 'Exit 1 when a check gives a warning (info notes never fail).'
complete -c uvmctl -n '__uvmctl_at uvmctl params' -l 'root' -r -F -d 'System root to inspect: / (the default) or an unpacked capture bundle or fixture tree.'
complete -c uvmctl -n '__uvmctl_at uvmctl params' -l 'debug' -d 'Print stack traces of internal errors.'
complete -c uvmctl -n '__uvmctl_at uvmctl params' -l 'color' -x -a 'auto always never' -d 'Colour: auto, always, never (default: auto: only on a terminal, off when NO_COLOR is set).'
complete -c uvmctl -n '__uvmctl_at uvmctl params' -s 'q' -l 'quiet' -d 'Print nothing on standard output; the exit status is the answer.'
complete -c uvmctl -n '__uvmctl_at uvmctl params' -s 'h' -l 'help' -d 'Show this help message and exit.'
complete -c uvmctl -n '__uvmctl_at uvmctl params' -s 'V' -l 'version' -d 'Print version information and exit.'
complete -c uvmctl -n '__uvmctl_at uvmctl params explain' -s 'o' -l 'output' -x -a 'table json ndjson' -d 'Output format: table, json, ndjson (default: table).'
complete -c uvmctl -n '__uvmctl_at uvmctl params explain' -l 'root' -r -F -d 'System root to inspect: / (the default) or an unpacked capture bundle or fixture tree.'
complete -c uvmctl -n '__uvmctl_at uvmctl params explain' -l 'debug' -d 'Print stack traces of internal errors.'
complete -c uvmctl -n '__uvmctl_at uvmctl params explain' -l 'color' -x -a 'auto always never' -d 'Colour: auto, always, never (default: auto: only on a terminal, off when NO_COLOR is set).'
complete -c uvmctl -n '__uvmctl_at uvmctl params explain' -s 'q' -l 'quiet' -d 'Print nothing on standard output; the exit status is the answer.'
complete -c uvmctl -n '__uvmctl_at uvmctl params explain' -s 'h' -l 'help' -d 'Show this help message and exit.'
complete -c uvmctl -n '__uvmctl_at uvmctl params explain' -s 'V' -l 'version' -d 'Print version information and exit.'
complete -c uvmctl -n '__uvmctl_at uvmctl shell' -l 'history' -r -F -d 'History file (default: $XDG_STATE_HOME/uvmctl/history, else ~/.local/state/uvmctl/history).'
complete -c uvmctl -n '__uvmctl_at uvmctl shell' -l 'root' -r -F -d 'System root to inspect: / (the default) or an unpacked capture bundle or fixture tree.'
complete -c uvmctl -n '__uvmctl_at uvmctl shell' -l 'debug' -d 'Print stack traces of internal errors.'
complete -c uvmctl -n '__uvmctl_at uvmctl shell' -l 'color' -x -a 'auto always never' -d 'Colour: auto, always, never (default: auto: only on a terminal, off when NO_COLOR is set).'
complete -c uvmctl -n '__uvmctl_at uvmctl shell' -s 'q' -l 'quiet' -d 'Print nothing on standard output; the exit status is the answer.'
complete -c uvmctl -n '__uvmctl_at uvmctl shell' -s 'h' -l 'help' -d 'Show this help message and exit.'
complete -c uvmctl -n '__uvmctl_at uvmctl shell' -s 'V' -l 'version' -d 'Print version information and exit.'
complete -c uvmctl -n '__uvmctl_at uvmctl completion' -l 'root' -r -F -d 'System root to inspect: / (the default) or an unpacked capture bundle or fixture tree.'
complete -c uvmctl -n '__uvmctl_at uvmctl completion' -l 'debug' -d 'Print stack traces of internal errors.'
complete -c uvmctl -n '__uvmctl_at uvmctl completion' -l 'color' -x -a 'auto always never' -d 'Colour: auto, always, never (default: auto: only on a terminal, off when NO_COLOR is set).'
complete -c uvmctl -n '__uvmctl_at uvmctl completion' -s 'q' -l 'quiet' -d 'Print nothing on standard output; the exit status is the answer.'
complete -c uvmctl -n '__uvmctl_at uvmctl completion' -s 'h' -l 'help' -d 'Show this help message and exit.'
complete -c uvmctl -n '__uvmctl_at uvmctl completion' -s 'V' -l 'version' -d 'Print version information and exit.'
complete -c uvmctl -n '__uvmctl_at uvmctl completion' -a 'bash zsh fish' -d 'SHELL'
