package dev.uvmctl.source;

/**
 * The running system's root: reads go to {@code /} as any directory root's, and it alone can
 * compare two processes' open files (kcmp).
 */
public final class LiveSysRoot extends ForwardingSysRoot {
    private final SysRoot files;
    private final Kcmp kcmp;

    public LiveSysRoot(SysRoot files, Kcmp kcmp) {
        this.files = files;
        this.kcmp = kcmp;
    }

    @Override
    protected SysRoot delegate() {
        return files;
    }

    @Override
    public Boolean sameOpenFile(int pidA, int fdA, int pidB, int fdB) {
        return kcmp.sameFile(pidA, fdA, pidB, fdB);
    }
}
