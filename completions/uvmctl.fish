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
            case 'uvmctl va-spaces'
                set command 'uvmctl va-spaces'
            case 'uvmctl holders'
                set command 'uvmctl holders'
            case 'uvmctl capture'
                set command 'uvmctl capture'
            case 'uvmctl shell'
                set command 'uvmctl shell'
            case 'uvmctl completion'
                set command 'uvmctl completion'
            case 'uvmctl params explain'
                set command 'uvmctl params explain'
            case 'uvmctl --root' 'uvmctl --color' 'uvmctl params -o' 'uvmctl params --output' 'uvmctl params --root' 'uvmctl params --color' 'uvmctl params explain -o' 'uvmctl params explain --output' 'uvmctl params explain --root' 'uvmctl params explain --color' 'uvmctl va-spaces -o' 'uvmctl va-spaces --output' 'uvmctl va-spaces --root' 'uvmctl va-spaces --color' 'uvmctl holders -o' 'uvmctl holders --output' 'uvmctl holders --root' 'uvmctl holders --color' 'uvmctl capture --to' 'uvmctl capture -o' 'uvmctl capture --output' 'uvmctl capture --root' 'uvmctl capture --color' 'uvmctl shell --history' 'uvmctl shell --root' 'uvmctl shell --color' 'uvmctl completion --root' 'uvmctl completion --color'
                set value_next 1
        end
    end
    echo $command
end

function __uvmctl_at --description 'True when the command line is at the uvmctl command given'
    test (__uvmctl_command) = "$argv"
end

complete -c uvmctl -n '__uvmctl_at uvmctl' -a 'params' -d 'Show every nvidia-uvm module parameter with its effective value, the default for this driver release and architecture, whether it was changed, whether it is writable at runtime, where it was configured (modprobe.d, kernel command line) and what it means; then checks of what is wrong.'
complete -c uvmctl -n '__uvmctl_at uvmctl' -a 'va-spaces' -d 'Show every UVM va_space on the system: the processes holding /dev/nvidia-uvm (a child that inherited its parent\'s fd is listed under the parent\'s va_space), their managed ranges (the /dev/nvidia-uvm mappings in /proc/PID/maps), the GPUs UVM still retains, HMM, and what points at memory not released.'
complete -c uvmctl -n '__uvmctl_at uvmctl' -a 'holders' -d 'Show every process that holds an NVIDIA device file (/dev/nvidia-uvm, /dev/nvidiactl, /dev/nvidiaN, ...) or waits in the driver, classified: alive, zombie (and who should reap it), uninterruptible (with the driver frame), reparented to init, or a daemon that holds devices by design; then the processes NVML (nvidia-smi) lists, with what this system says about each pid (gone, outside this PID namespace), and each GPU\'s memory.'
complete -c uvmctl -n '__uvmctl_at uvmctl' -a 'capture' -d 'Copy what uvmctl reads from the system (module parameters, modprobe configuration, the UVM and nvidia procfs files, the GPU holders\' /proc entries with their fd links, nvidia-smi and dmesg output) into a bundle that is itself a system root, with a manifest of what was read, refused and why, and the va-spaces snapshot.'
complete -c uvmctl -n '__uvmctl_at uvmctl' -a 'shell' -d 'Interactive shell: run uvmctl commands without restarting the JVM, with TAB completion and history, against the --root given here; files parsed once are kept until they change.'
complete -c uvmctl -n '__uvmctl_at uvmctl' -a 'completion' -d 'Print the shell completion script for bash, zsh or fish.'
complete -c uvmctl -n '__uvmctl_at uvmctl' -l 'root' -r -F -d 'System root to inspect: / (the default), a capture bundle (directory or .tar.gz) or a fixture tree.'
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
complete -c uvmctl -n '__uvmctl_at uvmctl params' -l 'root' -r -F -d 'System root to inspect: / (the default), a capture bundle (directory or .tar.gz) or a fixture tree.'
complete -c uvmctl -n '__uvmctl_at uvmctl params' -l 'debug' -d 'Print stack traces of internal errors.'
complete -c uvmctl -n '__uvmctl_at uvmctl params' -l 'color' -x -a 'auto always never' -d 'Colour: auto, always, never (default: auto: only on a terminal, off when NO_COLOR is set).'
complete -c uvmctl -n '__uvmctl_at uvmctl params' -s 'q' -l 'quiet' -d 'Print nothing on standard output; the exit status is the answer.'
complete -c uvmctl -n '__uvmctl_at uvmctl params' -s 'h' -l 'help' -d 'Show this help message and exit.'
complete -c uvmctl -n '__uvmctl_at uvmctl params' -s 'V' -l 'version' -d 'Print version information and exit.'
complete -c uvmctl -n '__uvmctl_at uvmctl params explain' -s 'o' -l 'output' -x -a 'table json ndjson' -d 'Output format: table, json, ndjson (default: table).'
complete -c uvmctl -n '__uvmctl_at uvmctl params explain' -l 'root' -r -F -d 'System root to inspect: / (the default), a capture bundle (directory or .tar.gz) or a fixture tree.'
complete -c uvmctl -n '__uvmctl_at uvmctl params explain' -l 'debug' -d 'Print stack traces of internal errors.'
complete -c uvmctl -n '__uvmctl_at uvmctl params explain' -l 'color' -x -a 'auto always never' -d 'Colour: auto, always, never (default: auto: only on a terminal, off when NO_COLOR is set).'
complete -c uvmctl -n '__uvmctl_at uvmctl params explain' -s 'q' -l 'quiet' -d 'Print nothing on standard output; the exit status is the answer.'
complete -c uvmctl -n '__uvmctl_at uvmctl params explain' -s 'h' -l 'help' -d 'Show this help message and exit.'
complete -c uvmctl -n '__uvmctl_at uvmctl params explain' -s 'V' -l 'version' -d 'Print version information and exit.'
complete -c uvmctl -n '__uvmctl_at uvmctl va-spaces' -s 'o' -l 'output' -x -a 'table json ndjson' -d 'Output format: table, json, ndjson (default: table).'
complete -c uvmctl -n '__uvmctl_at uvmctl va-spaces' -l 'ranges' -d 'List every managed range of every va_space in the table (JSON always has them).'
complete -c uvmctl -n '__uvmctl_at uvmctl va-spaces' -l 'root' -r -F -d 'System root to inspect: / (the default), a capture bundle (directory or .tar.gz) or a fixture tree.'
complete -c uvmctl -n '__uvmctl_at uvmctl va-spaces' -l 'debug' -d 'Print stack traces of internal errors.'
complete -c uvmctl -n '__uvmctl_at uvmctl va-spaces' -l 'color' -x -a 'auto always never' -d 'Colour: auto, always, never (default: auto: only on a terminal, off when NO_COLOR is set).'
complete -c uvmctl -n '__uvmctl_at uvmctl va-spaces' -s 'q' -l 'quiet' -d 'Print nothing on standard output; the exit status is the answer.'
complete -c uvmctl -n '__uvmctl_at uvmctl va-spaces' -s 'h' -l 'help' -d 'Show this help message and exit.'
complete -c uvmctl -n '__uvmctl_at uvmctl va-spaces' -s 'V' -l 'version' -d 'Print version information and exit.'
complete -c uvmctl -n '__uvmctl_at uvmctl holders' -s 'o' -l 'output' -x -a 'table json ndjson' -d 'Output format: table, json, ndjson (default: table).'
complete -c uvmctl -n '__uvmctl_at uvmctl holders' -l 'root' -r -F -d 'System root to inspect: / (the default), a capture bundle (directory or .tar.gz) or a fixture tree.'
complete -c uvmctl -n '__uvmctl_at uvmctl holders' -l 'debug' -d 'Print stack traces of internal errors.'
complete -c uvmctl -n '__uvmctl_at uvmctl holders' -l 'color' -x -a 'auto always never' -d 'Colour: auto, always, never (default: auto: only on a terminal, off when NO_COLOR is set).'
complete -c uvmctl -n '__uvmctl_at uvmctl holders' -s 'q' -l 'quiet' -d 'Print nothing on standard output; the exit status is the answer.'
complete -c uvmctl -n '__uvmctl_at uvmctl holders' -s 'h' -l 'help' -d 'Show this help message and exit.'
complete -c uvmctl -n '__uvmctl_at uvmctl holders' -s 'V' -l 'version' -d 'Print version information and exit.'
complete -c uvmctl -n '__uvmctl_at uvmctl capture' -l 'to' -r -F -d 'Where to write the bundle: a .tar.gz (or .tgz) file, or a directory; it must not exist yet.'
complete -c uvmctl -n '__uvmctl_at uvmctl capture' -l 'redact' -d 'Replace host names, user names and command lines with stable placeholders.'
complete -c uvmctl -n '__uvmctl_at uvmctl capture' -s 'o' -l 'output' -x -a 'table json ndjson' -d 'Output format: table, json, ndjson (default: table).'
complete -c uvmctl -n '__uvmctl_at uvmctl capture' -l 'root' -r -F -d 'System root to inspect: / (the default), a capture bundle (directory or .tar.gz) or a fixture tree.'
complete -c uvmctl -n '__uvmctl_at uvmctl capture' -l 'debug' -d 'Print stack traces of internal errors.'
complete -c uvmctl -n '__uvmctl_at uvmctl capture' -l 'color' -x -a 'auto always never' -d 'Colour: auto, always, never (default: auto: only on a terminal, off when NO_COLOR is set).'
complete -c uvmctl -n '__uvmctl_at uvmctl capture' -s 'q' -l 'quiet' -d 'Print nothing on standard output; the exit status is the answer.'
complete -c uvmctl -n '__uvmctl_at uvmctl capture' -s 'h' -l 'help' -d 'Show this help message and exit.'
complete -c uvmctl -n '__uvmctl_at uvmctl capture' -s 'V' -l 'version' -d 'Print version information and exit.'
complete -c uvmctl -n '__uvmctl_at uvmctl shell' -l 'history' -r -F -d 'History file (default: $XDG_STATE_HOME/uvmctl/history, else ~/.local/state/uvmctl/history).'
complete -c uvmctl -n '__uvmctl_at uvmctl shell' -l 'root' -r -F -d 'System root to inspect: / (the default), a capture bundle (directory or .tar.gz) or a fixture tree.'
complete -c uvmctl -n '__uvmctl_at uvmctl shell' -l 'debug' -d 'Print stack traces of internal errors.'
complete -c uvmctl -n '__uvmctl_at uvmctl shell' -l 'color' -x -a 'auto always never' -d 'Colour: auto, always, never (default: auto: only on a terminal, off when NO_COLOR is set).'
complete -c uvmctl -n '__uvmctl_at uvmctl shell' -s 'q' -l 'quiet' -d 'Print nothing on standard output; the exit status is the answer.'
complete -c uvmctl -n '__uvmctl_at uvmctl shell' -s 'h' -l 'help' -d 'Show this help message and exit.'
complete -c uvmctl -n '__uvmctl_at uvmctl shell' -s 'V' -l 'version' -d 'Print version information and exit.'
complete -c uvmctl -n '__uvmctl_at uvmctl completion' -l 'root' -r -F -d 'System root to inspect: / (the default), a capture bundle (directory or .tar.gz) or a fixture tree.'
complete -c uvmctl -n '__uvmctl_at uvmctl completion' -l 'debug' -d 'Print stack traces of internal errors.'
complete -c uvmctl -n '__uvmctl_at uvmctl completion' -l 'color' -x -a 'auto always never' -d 'Colour: auto, always, never (default: auto: only on a terminal, off when NO_COLOR is set).'
complete -c uvmctl -n '__uvmctl_at uvmctl completion' -s 'q' -l 'quiet' -d 'Print nothing on standard output; the exit status is the answer.'
complete -c uvmctl -n '__uvmctl_at uvmctl completion' -s 'h' -l 'help' -d 'Show this help message and exit.'
complete -c uvmctl -n '__uvmctl_at uvmctl completion' -s 'V' -l 'version' -d 'Print version information and exit.'
complete -c uvmctl -n '__uvmctl_at uvmctl completion' -a 'bash zsh fish' -d 'SHELL'
