"""Installing an uploaded .argosmodel from the admin page (JIT lead): the upload is streamed to a
private temporary file, checked with ``package_check`` (zip layout, metadata, member names,
sizes) before the engine is touched, installed, and the temporary file deleted. Install and
refusal are audited (file size, model code/version, the reason; never the file name)."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import IO, Any

from sqlmodel import Session

from jit.audit import service as audit
from jit.security.actor import Actor
from jit.security.policy import Action, require
from jit.translation.engine import ModelPackageRejected
from jit.translation.package_check import check_package


class ModelUploadRefused(ValueError):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def install_upload(
    session: Session,
    actor: Actor,
    translator: Any,
    stream: IO[bytes],
    *,
    filename: str,
    work_dir: Path,
    audit_key: bytes,
) -> dict[str, str]:
    """Check then install; raises ModelUploadRefused (nothing installed) or AccessDenied."""
    require(actor, Action.TRANSLATION_MODELS_MANAGE, None)
    work_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=work_dir, prefix=".upload-") as tmp:
        path = Path(tmp) / "upload.argosmodel"
        with path.open("wb") as out:
            shutil.copyfileobj(stream, out, 1024 * 1024)
        size = path.stat().st_size
        try:
            if not filename.lower().endswith(".argosmodel"):
                raise ModelUploadRefused("the file is not an .argosmodel package")
            checked = check_package(path)
            if translator is None or not hasattr(translator, "install"):
                raise ModelUploadRefused("this translation backend cannot install models")
            info = translator.install(path, replace=False)
        except (ModelPackageRejected, ModelUploadRefused) as exc:
            reason = (
                f"{exc.reason}{': ' + exc.detail if exc.detail else ''}"
                if isinstance(exc, ModelPackageRejected)
                else exc.reason
            )
            audit.record(
                session,
                actor,
                "translation.model.install",
                audit_key=audit_key,
                object_type="translation_model",
                outcome="refused",
                details={"bytes": size, "reason": reason[:200]},
            )
            raise ModelUploadRefused(reason) from None
    audit.record(
        session,
        actor,
        "translation.model.install",
        audit_key=audit_key,
        object_type="translation_model",
        object_id=info.code,
        details={"name": info.name, "version": info.version, "top": checked.top, "bytes": size},
    )
    return {"code": info.code, "name": info.name, "version": info.version}
