//! Files attached in the personal chat: the attachment Teams puts on the message, and its
//! pre-authorized downloadUrl — right token 200, wrong or missing token 401, unknown file 404,
//! expired link 403.

mod common;

use common::*;

async fn get(url: &str) -> (u16, Vec<u8>) {
    let response = reqwest::get(url).await.expect("GET");
    let status = response.status().as_u16();
    (status, response.bytes().await.expect("body").to_vec())
}

#[tokio::test]
async fn a_download_link_serves_the_file_to_its_token_until_it_expires() {
    let fake = fake().await;
    let aiko = aiko(&fake);
    let file = fake.attach_file("mentors.csv", b"person,theme\n");
    let a = &file.attachment;
    assert_eq!(
        a["contentType"],
        "application/vnd.microsoft.teams.file.download.info"
    );
    assert_eq!(a["name"], "mentors.csv");
    assert_eq!(a["content"]["fileType"], "csv");
    assert_eq!(a["content"]["downloadUrl"], file.download_url.as_str());
    let message = fake.file_message(&aiko, "", a);
    assert_eq!(message["attachments"][0], *a);
    assert_eq!(message["type"], "message");

    assert_eq!(
        get(&file.download_url).await,
        (200, b"person,theme\n".to_vec())
    );
    let (base, _) = file.download_url.split_once('?').unwrap();
    assert_eq!(get(base).await.0, 401, "no token");
    assert_eq!(get(&format!("{base}?token=guess")).await.0, 401);
    let unknown = base.replace(&format!("/{}", file.id), "/f999");
    assert_eq!(get(&format!("{unknown}?token=x")).await.0, 404);

    fake.replace_file(&file.id, b"changed");
    assert_eq!(get(&file.download_url).await.1, b"changed".to_vec());
    fake.expire_download(&file.id);
    assert_eq!(get(&file.download_url).await.0, 403);
    assert_eq!(
        fake.download_gets(&file.id),
        5,
        "the unknown id is not this file"
    );
    assert!(fake
        .rejections()
        .iter()
        .any(|r| r.contains("403 the link has expired")));
}
