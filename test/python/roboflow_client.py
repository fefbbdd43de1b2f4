"""A whole labeling job walked through Roboflow's own `roboflow` package (1.7.3), unchanged, against Tessera.

Run by test/roboflow-client.test.ts with API_URL=<Tessera>/api, the team's keys and the project in the
environment, and a directory to write images into as its one argument. Exits non-zero, saying which
check failed, at the first thing that differs from what a Roboflow user would get.
"""
import os
import sys
import time

import requests
from PIL import Image

from roboflow import Roboflow
from roboflow.adapters.rfapi import ImageUploadError, RoboflowError

API_URL = os.environ["API_URL"]
WORKSPACE = os.environ["WORKSPACE"]
PROJECT = os.environ["PROJECT"]
MANAGER_KEY, LABELER_KEY, REVIEWER_KEY = os.environ["MANAGER_KEY"], os.environ["LABELER_KEY"], os.environ["REVIEWER_KEY"]
LABELER, REVIEWER, MANAGER = os.environ["LABELER_EMAIL"], os.environ["REVIEWER_EMAIL"], os.environ["MANAGER_EMAIL"]
IMAGES_DIR = sys.argv[1]


def check(ok, what):
    if not ok:
        raise SystemExit(f"FAILED: {what}")
    print(f"ok: {what.split(':')[0]}")


def raises(exc_type, fn, what):
    try:
        fn()
    except exc_type as e:
        return e
    raise SystemExit(f"FAILED: {what}: no {exc_type.__name__} raised")


def make_images(n):
    paths = []
    for i in range(n):
        path = os.path.join(IMAGES_DIR, f"bird-{i}.png")
        Image.new("RGB", (80, 60), (40 * i % 256, 90, 200 - i)).save(path)
        paths.append(path)
    return paths


def stream(path, key, method="POST", json=None):
    """Tessera's own label stream and annotation calls (what a labeler's tool does)."""
    res = requests.request(method, f"{API_URL}/{WORKSPACE}/{PROJECT}/{path}", json=json, headers={"Authorization": f"Bearer {key}"})
    check(res.status_code in (200, 204), f"stream {method} {path}: {res.status_code} {res.text}")
    return res.json() if res.status_code == 200 else None


def wait_for(read, pred, what, seconds=30):
    until = time.time() + seconds
    while True:
        value = read()
        if pred(value):
            return value
        if time.time() > until:
            raise SystemExit(f"FAILED: {what}; last: {value}")
        time.sleep(0.2)


# --- Keys, workspace, project -------------------------------------------------------------------------
bad = raises(RuntimeError, lambda: Roboflow(api_key="tsk_notakey_butlowercase"), "a wrong key is refused")
check("not valid" in str(bad), f"a wrong key raises the package's error with Tessera's message: {bad}")

rf = Roboflow(api_key=MANAGER_KEY)
check(rf.current_workspace == WORKSPACE, f"the key check names the key's workspace: {rf.current_workspace}")
workspace = rf.workspace()
check(workspace.url == WORKSPACE and f"{WORKSPACE}/{PROJECT}" in workspace.projects(), f"the workspace lists the project: {workspace.projects()}")
project = workspace.project(PROJECT)
check(project.id == f"{WORKSPACE}/{PROJECT}" and project.type == "object-detection", f"the project loads: {project.id} {project.type}")
check(set(project.classes) == {"cat", "dog"} and project.images == 0, f"the project's classes and images: {project.classes} {project.images}")
check(rf.project(PROJECT).id == project.id, "Roboflow.project loads it too")
check(project.get_version_information() == [], "no dataset versions yet")

# --- Upload with a batch name, duplicates -------------------------------------------------------------
paths = make_images(7)
uploaded = [project.upload(p, batch_name="From Roboflow")[0]["image"] for p in paths[:6]]
check(all(u.get("success") and u.get("id") for u in uploaded), f"uploads answer success and an id: {uploaded}")
image_ids = [u["id"] for u in uploaded]
again = project.upload(paths[0], batch_name="From Roboflow")[0]["image"]
check(again.get("duplicate") is True and again["id"] == image_ids[0], f"a duplicate is reported Roboflow's way: {again}")
single, _, _ = project.upload_image(paths[6], batch_name="From Roboflow")
check(single.get("success") and single["id"] not in image_ids, f"upload_image answers the image: {single}")
image_ids.append(single["id"])

# --- Batches and annotation batches -------------------------------------------------------------------
batches = project.get_batches()["batches"]
source = next(b for b in batches if b["name"] == "From Roboflow")
check(source["numImages"] == 7, f"the upload batch holds the 7 images: {source}")
check(project.get_batch(source["id"])["id"] == source["id"], "get_batch")
listed = project.get_annotation_batches(show_empty=True)["batches"]
check(any(b["id"] == source["id"] for b in listed), "get_annotation_batches lists it")
check(project.get_annotation_batch(source["id"])["numImages"] == 7, "get_annotation_batch")
first = project.get_annotation_batch_images(source["id"], limit=4)
rest = project.get_annotation_batch_images(source["id"], limit=4, after=first["next"])
check(sorted(first["imageIds"] + rest["imageIds"]) == sorted(image_ids) and rest["next"] is None, "get_annotation_batch_images pages through the batch")

to_label = project.create_annotation_batch(source_batch_id=source["id"], image_ids=image_ids[:4], name="To label")
check(to_label["numImages"] == 4 and to_label["excluded"] == [], f"create_annotation_batch moves 4 images: {to_label}")
spare = project.create_annotation_batch(source_batch_id=source["id"], image_ids=[image_ids[4]], name="Spare")
merged = project.merge_annotation_batches(source_batch_ids=[spare["id"]], target_batch_id=source["id"])
check(merged["numImages"] == 3, f"merge_annotation_batches moves the spare back: {merged}")
doomed = project.create_annotation_batch(source_batch_id=source["id"], image_ids=[image_ids[5]], name="Doomed")
deleted = project.delete_annotation_batch(doomed["id"])
check(deleted["deleted"] is True and deleted["movedTo"]["name"] == "Unassigned", f"delete_annotation_batch keeps its image: {deleted}")

# --- Jobs ---------------------------------------------------------------------------------------------
job = project.create_annotation_job(name="Birds, round 1", batch_id=to_label["id"], num_images=4,
                                    labeler_email=LABELER, reviewer_email=REVIEWER, instructions="Box every cat.")
check(job["numImages"] == 4 and job["unannotated"] == 4 and job["status"] == "assigned", f"create_annotation_job: {job}")
check(job["instructionsText"] == "Box every cat." and job["sourceBatch"] == f"{PROJECT}/{to_label['id']}", "the job carries its instructions and batch")
check(any(j["id"] == job["id"] for j in project.get_annotation_jobs()["jobs"]), "get_annotation_jobs lists it")
check(project.get_annotation_job(job["id"])["labeler"] == LABELER, "get_annotation_job")
admin_page = project.get_annotation_jobs_admin(limit=1)
check(len(admin_page["jobs"]) == 1, f"get_annotation_jobs_admin pages: {admin_page}")
check(project.get_annotation_job_admin(job["id"])["id"] == job["id"], "get_annotation_job_admin")
job_images = project.get_annotation_job_images(job["id"], limit=3)
job_images_rest = project.get_annotation_job_images(job["id"], limit=3, after=job_images["next"])
check(sorted(job_images["imageIds"] + job_images_rest["imageIds"]) == sorted(image_ids[:4]), "get_annotation_job_images pages through the job")
other = project.create_annotation_job_admin(name="Leftovers", batch_id=source["id"], labeler_email=LABELER, reviewer_email=REVIEWER)
check(other["numImages"] == 2, f"create_annotation_job_admin takes every unassigned image of the batch: {other}")

# --- Forbidden calls raise the package's errors -------------------------------------------------------
labeler_project = Roboflow(api_key=LABELER_KEY).workspace().project(PROJECT)
denied = raises(RoboflowError, lambda: labeler_project.get_annotation_batches(), "a labeler may not list batches")
check(denied.status_code == 403, f"a forbidden call raises RoboflowError with 403: {denied.status_code} {denied}")
denied_upload = raises(ImageUploadError, lambda: labeler_project.upload(paths[0], batch_name="Nope"), "a labeler may not upload")
check(denied_upload.status_code == 403, f"a forbidden upload raises ImageUploadError with 403: {denied_upload}")

# --- Label through Tessera's stream, and one file through save_annotation -----------------------------
labeled = []
for _ in range(3):
    nxt = stream(f"jobs/{job['id']}/next", LABELER_KEY)
    stream(f"jobs/{job['id']}/images/{nxt['image']['id']}/annotation", LABELER_KEY, "PUT",
           {"annotations": [{"class": "cat", "box": {"x": 5, "y": 5, "width": 30, "height": 20}}]})
    labeled.append(nxt["image"]["id"])
last = next(i for i in image_ids[:4] if i not in labeled)
voc = "<annotation><object><name>dog</name><bndbox><xmin>10</xmin><ymin>8</ymin><xmax>50</xmax><ymax>40</ymax></bndbox></object></annotation>"
saved, _, _ = labeler_project.save_annotation({"name": "bird.xml", "rawText": voc}, image_id=last)
check(saved.get("success") is True, f"save_annotation submits a Pascal VOC file in the image's job: {saved}")
again = labeler_project.save_annotation({"name": "bird.xml", "rawText": voc}, image_id=last)[0]
check(again == {"warn": "already annotated"}, f"saving it again is Roboflow's 'already annotated': {again}")
check(project.get_annotation_job(job["id"])["annotated"] == 4, "every image is submitted")

# --- Review: reject one, rework it, approve the rest --------------------------------------------------
reviewer_project = Roboflow(api_key=REVIEWER_KEY).workspace().project(PROJECT)
rejected = reviewer_project.review_annotation_job_image(job["id"], labeled[0], "rejected")
check(rejected["status"] == "rejected", f"review_annotation_job_image rejects: {rejected}")
approved = reviewer_project.review_annotation_job_image(job["id"], labeled[1], "approved")
check(approved["status"] == "approved", "review_annotation_job_image approves")
counts = project.get_annotation_job(job["id"])
check((counts["annotated"], counts["approved"], counts["rejected"]) == (2, 1, 1), f"counts after two reviews: {counts}")

rework = stream(f"jobs/{job['id']}/next", LABELER_KEY)
check(rework["image"]["id"] == labeled[0] and rework["rework"]["round"] == 1, f"the rejected image comes back first: {rework}")
stream(f"jobs/{job['id']}/images/{labeled[0]}/annotation", LABELER_KEY, "PUT",
       {"annotations": [{"class": "cat", "box": {"x": 6, "y": 6, "width": 30, "height": 20}}]})
bulk = reviewer_project.review_annotation_job_images(job["id"], status="approved", current_status="annotated")
check(bulk["updated"] == 3, f"review_annotation_job_images approves the 3 submitted: {bulk}")

done = wait_for(lambda: project.get_annotation_job(job["id"]), lambda j: j["status"] == "complete", "the job completes")
check((done["unannotated"], done["annotated"], done["approved"], done["rejected"]) == (0, 0, 4, 0), f"final counts: {done}")

# --- Accept into the dataset with splits --------------------------------------------------------------
accepted = project.accept_annotation_job_images(job["id"], split_method="split", statuses_to_include=["approved"],
                                                train_count=2, valid_count=1, test_count=1)
check(accepted["accepted"] == 4, f"accept_annotation_job_images: {accepted}")
after = wait_for(lambda: rf.workspace().project(PROJECT), lambda p: p.splits == {"train": 2, "valid": 1, "test": 1}, "the splits")
check(after.images == 7 and after.unannotated == 3, f"the project counts: images {after.images}, unannotated {after.unannotated}")
to_label_batch = project.get_batch(to_label["id"])
check(to_label_batch["counts"]["approved"] == 4, f"the batch counts the approved images: {to_label_batch}")

# --- The administration calls on the second job -------------------------------------------------------
updated = project.update_annotation_job(other["id"], instructions="Box every dog.")
check(updated["instructionsText"] == "Box every dog.", f"update_annotation_job changes the instructions: {updated}")
updated = project.update_annotation_job(other["id"], labeler_email=MANAGER)
check(updated["labeler"] == MANAGER, f"update_annotation_job reassigns the labeler: {updated}")
early = raises(RoboflowError, lambda: project.submit_annotation_job_for_review(other["id"]), "submit for review with images left")
check(early.status_code == 409 and "still to be labeled" in str(early), f"submit_annotation_job_for_review says what is left: {early}")
for _ in range(2):
    nxt = stream(f"jobs/{other['id']}/next", MANAGER_KEY)
    stream(f"jobs/{other['id']}/images/{nxt['image']['id']}/annotation", MANAGER_KEY, "PUT",
           {"annotations": [{"class": "dog", "box": {"x": 1, "y": 1, "width": 10, "height": 10}}]})
in_review = wait_for(lambda: project.get_annotation_job(other["id"]), lambda j: j["status"] == "review", "the second job is in review")
check(project.submit_annotation_job_for_review(other["id"])["status"] == "review", "submit_annotation_job_for_review answers the job in review")
returned = project.return_annotation_job_for_edits(other["id"], new_labeler_email=LABELER)
check(returned["returned"] == 2 and returned["job"]["labeler"] == LABELER and returned["job"]["unannotated"] == 2,
      f"return_annotation_job_for_edits sends both back to a new labeler: {returned}")

unassigned = next(b for b in project.get_batches()["batches"] if b["name"] == "Unassigned")
third = project.create_annotation_job(name="Third", batch_id=unassigned["id"], labeler_email=LABELER, reviewer_email=REVIEWER)
added = project.add_annotation_job_images(other["id"], [image_ids[5]])
check(added["added"] == 1 and added["skipped"] == [], f"add_annotation_job_images moves an image in from another job: {added}")
wait_for(lambda: project.get_annotation_job(other["id"]), lambda j: j["numImages"] == 3 and j["unannotated"] == 3, "the job takes the image in")
moving = project.get_annotation_job_images(other["id"])["imageIds"][0]
reassigned = project.reassign_annotation_job_images([moving], labeler_email=LABELER, name="Redo")
check(reassigned["numImages"] == 1 and reassigned["reviewer"] == REVIEWER and reassigned["name"] == "Redo",
      f"reassign_annotation_job_images makes a new job of the image, keeping the reviewer: {reassigned}")
cleared = project.delete_annotation_job_annotations(other["id"])
# One image was labeled and returned for edits; the one moved in has never been labeled in this job.
check(cleared["cleared"] == 1 and cleared["job"]["unannotated"] == 2, f"delete_annotation_job_annotations clears the labeled image: {cleared}")
latest = [stream(f"images/{i}", MANAGER_KEY, "GET")["latestAnnotation"] for i in project.get_annotation_job_images(other["id"])["imageIds"]]
emptied = [a for a in latest if a is not None]
check(len(emptied) == 1 and emptied[0]["annotations"] == [] and emptied[0]["version"] > 1,
      f"a cleared image's latest version is empty, its earlier ones kept: {latest}")
gone = project.move_annotation_job_to_unassigned(other["id"])
check(gone["status"] == "cancelled", f"move_annotation_job_to_unassigned ends the job: {gone}")
print("ALL OK")
