-- Realistic promotions for the demo store (shopkeeper demo --end 2026-11-22), for screenshots of
-- the Promotions section:  sqlite3 DIR/store.db < tests/desktop/promo_seed.sql
-- spec_json is the promotion's JSON form (docs/promotions.md); the columns mirror it.
INSERT OR REPLACE INTO promotions(id,name,kind,layer,starts_at,ends_at,priority,exclusive,stackable,status,spec_json) VALUES
('T1','双12 满300减30 满500减60','threshold_tiers','shop',NULL,NULL,1,0,0,'active',
 '{"id":"T1","name":"双12 满300减30 满500减60","kind":"threshold_tiers","priority":1,"params":{"tiers":[{"threshold":300,"amount":30},{"threshold":500,"amount":60}]},"conditions":{"starts_at":"2026-11-20T00:00:00","ends_at":"2026-12-13T00:00:00"}}'),
('C20','店铺券 满199减20','coupon','coupon',NULL,NULL,0,0,0,'active',
 '{"id":"C20","name":"店铺券 满199减20","kind":"coupon","coupon_code":"SAVE20","params":{"threshold":199,"amount":20},"conditions":{"per_customer_limit":1,"total_limit":5000,"redeemed":1312}}'),
('NEW10','新客券 无门槛10元','coupon','coupon',NULL,NULL,0,0,0,'active',
 '{"id":"NEW10","name":"新客券 无门槛10元","kind":"coupon","coupon_code":"NEW10","params":{"threshold":0,"amount":10},"conditions":{"first_order":true,"per_customer_limit":1}}'),
('VIP88','金卡会员 88折','percent_off','item',NULL,NULL,0,0,0,'active',
 '{"id":"VIP88","name":"金卡会员 88折","kind":"percent_off","params":{"percent_off":12},"scope":{"categories":["绿茶","红茶","乌龙茶","白茶","普洱茶"]},"conditions":{"tiers":["gold","platinum"]}}'),
('F1','碧螺春 限时秒杀','flash_price','item',NULL,NULL,5,0,0,'active',
 '{"id":"F1","name":"碧螺春 限时秒杀","kind":"flash_price","priority":5,"scope":{"skus":["GRN-0002"]},"params":{"price":79.90,"stock":300,"per_customer_limit":2},"conditions":{"starts_at":"2026-11-23T20:00:00","ends_at":"2026-11-24T00:00:00"}}'),
('S99','满99包邮','shipping','shipping',NULL,NULL,0,0,0,'active',
 '{"id":"S99","name":"满99包邮","kind":"shipping","params":{"threshold":99,"free":true}}'),
('PTS','积分抵现 100积分抵1元','points','points',NULL,NULL,0,0,0,'active',
 '{"id":"PTS","name":"积分抵现 100积分抵1元","kind":"points","params":{"points_per_unit":100,"max_percent":20}}'),
('G1','双12 满299送茶宠','gift','shop',NULL,NULL,0,0,0,'scheduled',
 '{"id":"G1","name":"双12 满299送茶宠","kind":"gift","params":{"threshold":299,"gift_sku":"GIFT-PET","gift_name":"紫砂茶宠","gift_cost":15},"conditions":{"starts_at":"2026-12-08T00:00:00","ends_at":"2026-12-13T00:00:00"}}'),
('N2','零食 第二件半价','nth_item','shop',NULL,NULL,0,0,0,'draft',
 '{"id":"N2","name":"零食 第二件半价","kind":"nth_item","scope":{"categories":["零食"]},"params":{"n":2,"percent_off":50}}');
