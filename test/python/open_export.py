"""Opens a Tessera export zip with the standard loaders and prints what they read, as JSON.

    open_export.py coco|yolo|yolo-seg|voc|folders EXPORT.zip

Prints {"splits": {split: {file_name: [[x1, y1, x2, y2, class_name], ...]}}, "ap": {split: {...}}}:
boxes as supervision's DetectionDataset reads them (from_coco, from_yolo, from_pascal_voc), and for COCO
the AP of COCOeval run against the file itself (pycocotools), per IoU type. For `folders`, the class
folders of each file. Exits non-zero when a loader refuses the export.
"""
import contextlib
import io
import json
import os
import sys
import tempfile
import zipfile

import supervision as sv


def boxes_of(dataset):
    out = {}
    for path, _image, detections in dataset:
        rows = []
        for xyxy, class_id in zip(detections.xyxy.tolist(), detections.class_id.tolist()):
            rows.append([round(v, 3) for v in xyxy] + [dataset.classes[class_id]])
        out[os.path.basename(path)] = sorted(rows, key=lambda r: (r[4], r[0], r[1]))
    return out


def coco_ap(annotations_path):
    from pycocotools.coco import COCO
    from pycocotools.cocoeval import COCOeval

    with contextlib.redirect_stdout(io.StringIO()):
        gt = COCO(annotations_path)
    anns = gt.loadAnns(gt.getAnnIds())
    if not anns:
        return {}
    results = {}
    kinds = ["bbox"] + (["segm"] if all(a["segmentation"] for a in anns) else [])
    for iou_type in kinds:
        dets = [{"image_id": a["image_id"], "category_id": a["category_id"], "bbox": a["bbox"], "segmentation": a["segmentation"], "score": 1.0} for a in anns]
        if iou_type == "bbox":
            dets = [{k: v for k, v in d.items() if k != "segmentation"} for d in dets]
        with contextlib.redirect_stdout(io.StringIO()):
            dt = gt.loadRes(dets)
            ev = COCOeval(gt, dt, iou_type)
            ev.evaluate()
            ev.accumulate()
            ev.summarize()
        results[iou_type] = round(float(ev.stats[0]), 6)
    return results


def main():
    fmt, zip_path = sys.argv[1], sys.argv[2]
    root = tempfile.mkdtemp(prefix="tessera-open-")
    with zipfile.ZipFile(zip_path) as z:
        bad = z.testzip()
        if bad:
            raise SystemExit(f"corrupt entry {bad}")
        z.extractall(root)
    splits = sorted(d for d in os.listdir(root) if os.path.isdir(os.path.join(root, d)))
    out = {"splits": {}, "ap": {}, "files": sorted(n for n in zipfile.ZipFile(zip_path).namelist())}
    for split in splits:
        d = os.path.join(root, split)
        if fmt == "coco":
            ann = os.path.join(d, "_annotations.coco.json")
            out["ap"][split] = coco_ap(ann)
            if any(f != "_annotations.coco.json" for f in os.listdir(d)):
                ds = sv.DetectionDataset.from_coco(images_directory_path=d, annotations_path=ann)
                out["splits"][split] = boxes_of(ds)
        elif fmt in ("yolo", "yolo-seg"):
            if os.path.isdir(os.path.join(d, "images")):
                ds = sv.DetectionDataset.from_yolo(
                    images_directory_path=os.path.join(d, "images"),
                    annotations_directory_path=os.path.join(d, "labels"),
                    data_yaml_path=os.path.join(root, "data.yaml"),
                )
                out["splits"][split] = boxes_of(ds)
        elif fmt == "voc":
            ds = sv.DetectionDataset.from_pascal_voc(images_directory_path=d, annotations_directory_path=d)
            out["splits"][split] = boxes_of(ds)
        elif fmt == "folders":
            ds = sv.ClassificationDataset.from_folder_structure(root_directory_path=d)
            out["splits"][split] = {
                os.path.basename(path): [ds.classes[c] for c in cls.class_id.tolist()] for path, _img, cls in ds
            }
    print(json.dumps(out))


if __name__ == "__main__":
    main()
