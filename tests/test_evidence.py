"""Evidence uploads: checked by their bytes, limited in size and number, kept outside anything served."""

from __future__ import annotations

import hashlib
import io
from pathlib import Path

from flask import Flask
from sqlalchemy import select

from services.db import db
from services.evidence import read_evidence_bytes
from services.models import Attachment, Submission
from tests.contract import contract_errors
from tests.journeys import CRIME, answer, crime_pages, send
from tests.pages import Page, PageClient

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + bytes(64)
PDF = b"%PDF-1.7\n" + bytes(64)
JPEG = b"\xff\xd8\xff\xe0" + bytes(64)
MP4 = b"\x00\x00\x00\x18ftypmp42" + bytes(64)
EXECUTABLE = b"MZ\x90\x00\x03\x00\x00\x00" + bytes(64)
EVIDENCE = f"{CRIME}/evidence"


def reach_evidence(client: PageClient) -> None:
    client.get(CRIME)
    for page_id, data in crime_pages():
        if page_id == "evidence":
            return
        answer(client, CRIME, page_id, data)


def upload(client: PageClient, content: bytes, filename: str, expected: int = 302) -> Page:
    return client.post(EVIDENCE, {"action": "upload", "evidence_file": (io.BytesIO(content), filename)}, expected=expected,
                       content_type="multipart/form-data")


def stored(app: Flask) -> list[Attachment]:
    with app.app_context():
        rows = list(db.session.scalars(select(Attachment).order_by(Attachment.id)))
        db.session.expunge_all()
        return rows


def test_files_are_typed_by_their_bytes_and_kept_under_server_made_names(app: Flask, client: PageClient) -> None:
    reach_evidence(client)
    upload(client, PNG, "holiday.pdf")  # a PNG renamed .pdf is a PNG
    for content, name in ((PDF, "letter.pdf"), (JPEG, "photo.JPG"), (MP4, "dashcam.mp4")):
        upload(client, content, name)
    files = stored(app)
    assert [(f.filename, f.content_type) for f in files] == [
        ("holiday.pdf", "image/png"), ("letter.pdf", "application/pdf"), ("photo.JPG", "image/jpeg"), ("dashcam.mp4", "video/mp4"),
    ]
    folder = Path(app.config["EVIDENCE_DIR"])
    for item in files:
        assert item.storage_name.endswith(".bin") and item.filename not in item.storage_name
        # Kept encrypted: the file on disk is not the upload, but reads back as it.
        assert hashlib.sha256((folder / item.storage_name).read_bytes()).hexdigest() != item.sha256
        with app.app_context():
            assert hashlib.sha256(read_evidence_bytes(item, folder)).hexdigest() == item.sha256
    assert "static" not in str(folder.resolve())
    page = client.get(EVIDENCE)
    assert "holiday.pdf" in page.text and "dashcam.mp4" in page.text


def test_wrong_type_empty_missing_and_too_large_files_are_refused_clearly(app: Flask, client: PageClient) -> None:
    reach_evidence(client)
    folder = Path(app.config["EVIDENCE_DIR"])
    before = set(folder.iterdir()) if folder.exists() else set()
    cases = [
        (EXECUTABLE, "cat.jpg", "The selected file must be a JPG, PNG, PDF or MP4"),
        (b"GIF89a" + bytes(20), "funny.gif", "The selected file must be a JPG, PNG, PDF or MP4"),
        (b"", "empty.png", "The selected file is empty"),
        (PNG + bytes(26 * 1024 * 1024), "huge.png", "The selected file must be smaller than 25MB"),
    ]
    for content, name, message in cases:
        page = upload(client, content, name, expected=400)
        assert page.error_summary() == [(message, "#evidence_file")], name
        assert page.title.startswith("Error: ")
    page = client.post(EVIDENCE, {"action": "upload"}, expected=400, content_type="multipart/form-data")
    assert page.error_summary() == [("Select a file to upload", "#evidence_file")]
    assert stored(app) == []
    assert set(folder.iterdir()) == before  # nothing kept, nothing half-written left behind


def test_an_eleventh_file_is_refused(app: Flask, client: PageClient) -> None:
    reach_evidence(client)
    for number in range(10):
        upload(client, PNG + bytes([number]), f"photo-{number}.png")
    page = upload(client, PNG, "one-too-many.png", expected=400)
    assert page.error_summary() == [("You can upload up to 10 files. Remove a file to upload another", "#evidence_file")]
    assert len(stored(app)) == 10


def test_welsh_errors(app: Flask, welsh_client: PageClient) -> None:
    reach_evidence(welsh_client)
    page = upload(welsh_client, EXECUTABLE, "cat.jpg", expected=400)
    assert page.error_summary() == [("Rhaid i’r ffeil a ddewiswyd fod yn JPG, PNG, PDF neu MP4", "#evidence_file")]
    assert page.title.startswith("Gwall: ")


def test_names_are_made_safe_to_show(app: Flask, client: PageClient) -> None:
    reach_evidence(client)
    upload(client, PNG, "C:/Users/ann/photo\u202egnp.exe")
    upload(client, PNG, "../../etc/passwd\u200b.png")
    upload(client, PNG, "snapshot-🚲-café.png")  # emoji and accents are kept exactly
    assert [f.filename for f in stored(app)] == ["photognp.exe", "passwd.png", "snapshot-🚲-café.png"]


def test_files_are_listed_on_check_answers_removable_and_sent_with_the_report(app: Flask, client: PageClient) -> None:
    reach_evidence(client)
    upload(client, PNG, "bike.png")
    upload(client, PDF, "receipt.pdf")
    client.post(EVIDENCE, {"action": "remove-" + str(stored(app)[0].id)}, content_type="multipart/form-data")
    upload(client, JPEG, "lock.jpg")
    client.post(EVIDENCE, {"action": "continue"}, content_type="multipart/form-data")
    for page_id, data in crime_pages()[[p for p, _ in crime_pages()].index("evidence") + 1:]:
        answer(client, CRIME, page_id, data)
    check = client.get(f"{CRIME}/check-your-answers")
    rows = check.summary_rows()
    assert rows["File 1"].startswith("receipt.pdf") and rows["File 2"].startswith("lock.jpg")
    remove_link = next(a for a in check.soup.find_all("a") if a.get_text(" ", strip=True) == "Remove receipt.pdf (1 KB)")
    confirm = client.get(remove_link["href"])
    assert confirm.h1 == "Are you sure you want to remove receipt.pdf?"
    client.post(remove_link["href"], {})
    after = client.get(f"{CRIME}/check-your-answers").summary_rows()
    assert after["File 1"].startswith("lock.jpg") and "File 2" not in after
    reference = send(client, CRIME)
    with app.app_context():
        submission = db.session.scalars(select(Submission).where(Submission.reference == reference)).one()
        payload = submission.payload
        linked = [a.filename for a in submission.attachments]
    assert linked == ["lock.jpg"]
    assert payload["attachments"] == [
        {"sha256": hashlib.sha256(JPEG).hexdigest(), "filename": "lock.jpg", "content_type": "image/jpeg", "size": len(JPEG)}
    ]
    assert contract_errors("Submission", payload) == []
