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
            case 'uvmctl completion'
                set command 'uvmctl completion'
            case 'uvmctl --root' 'uvmctl --color' 'uvmctl completion --root' 'uvmctl completion --color'
                set value_next 1
        end
    end
    echo $command
end

function __uvmctl_at --description 'True when the command line is at the uvmctl command given'
    test (__uvmctl_command) = "$argv"
end

complete -c uvmctl -n '__uvmctl_at uvmctl' -a 'completion' -d 'Print the shell completion script for bash, zsh or fish.'
complete -c uvmctl -n '__uvmctl_at uvmctl' -l 'root' -r -F -d 'System root to inspect: / (the default) or an unpacked capture bundle or fixture tree.'
complete -c uvmctl -n '__uvmctl_at uvmctl' -l 'debug' -d 'Print stack traces of internal errors.'
complete -c uvmctl -n '__uvmctl_at uvmctl' -l 'color' -x -a 'auto always never' -d 'Colour: auto, always, never (default: auto: only on a terminal, off when NO_COLOR is set).'
complete -c uvmctl -n '__uvmctl_at uvmctl' -s 'q' -l 'quiet' -d 'Print nothing on standard output; the exit status is the answer.'
complete -c uvmctl -n '__uvmctl_at uvmctl' -s 'h' -l 'help' -d 'Show this help message and exit.'
complete -c uvmctl -n '__uvmctl_at uvmctl' -s 'V' -l 'version' -d 'Print version information and exit.'
complete -c uvmctl -n '__uvmctl_at uvmctl completion' -l 'root' -r -F -d 'System root to inspect: / (the default) or an unpacked capture bundle or fixture tree.'
complete -c uvmctl -n '__uvmctl_at uvmctl completion' -l 'debug' -d 'Print stack traces of internal errors.'
complete -c uvmctl -n '__uvmctl_at uvmctl completion' -l 'color' -x -a 'auto always never' -d 'Colour: auto, always, never (default: auto: only on a terminal, off when NO_COLOR is set).'
complete -c uvmctl -n '__uvmctl_at uvmctl completion' -s 'q' -l 'quiet' -d 'Print nothing on standard output; the exit status is the answer.'
complete -c uvmctl -n '__uvmctl_at uvmctl completion' -s 'h' -l 'help' -d 'Show this help message and exit.'
complete -c uvmctl -n '__uvmctl_at uvmctl completion' -s 'V' -l 'version' -d 'Print version information and exit.'
complete -c uvmctl -n '__uvmctl_at uvmctl completion' -a 'bash zsh fish' -d 'SHELL'
